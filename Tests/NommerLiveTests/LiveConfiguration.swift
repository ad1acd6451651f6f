/// A scenario for live tests: seconds-scale intervals, up to 3 workers of 2
/// slots under the backlog policy, long polling, quick idle shutdown, and a
/// short visibility timeout so a killed worker's jobs come back within seconds.
let liveTestScenario = """
    name: live-test
    fleet:
      max_instances: 3
    feeder:
      state_check_interval_seconds: 0.3
      spawn_interval_seconds: 0.5
      prune_interval_seconds: 2
      abandon_after_seconds: 300
    worker:
      jobs_per_instance: 2
      long_poll: true
      heartbeat_interval_seconds: 0.5
      idle_shutdown_seconds: 2
      visibility_timeout_seconds: 4
      takeover_after_seconds: 2
    policy:
      name: backlog
      acceptable_latency_seconds: 3
      mean_processing_seconds: 1
      scale_in: true
    """
