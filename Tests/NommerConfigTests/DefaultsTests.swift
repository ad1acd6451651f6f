import NommerConfig
import NommerCore
import Testing

@Suite struct DefaultsTests {
    @Test func emptyFileIsTheDefaultScenario() throws {
        #expect(try ScenarioLoader.parse(yaml: "", file: "empty.yaml") == Scenario())
        #expect(try ScenarioLoader.parse(yaml: "# nothing\n", file: "empty.yaml") == Scenario())
    }

    @Test func emptySectionsKeepDefaults() throws {
        let yaml = "workload:\nfleet: {}\nfeeder:\nworker:\npolicy:\nstore:\nqueue:\nstatistics:\n"
        #expect(try ScenarioLoader.parse(yaml: yaml, file: "x.yaml") == Scenario())
    }

    @Test func absentKeysKeepTheTypesDefaults() throws {
        let scenario = try ScenarioLoader.parse(yaml: "worker: {long_poll: true}\nfeeder: {spawn_interval_seconds: 30}",
                                                file: "x.yaml")
        var worker = WorkerSettings()
        worker.longPoll = true
        #expect(scenario.worker == worker)
        var feeder = FeederSettings()
        feeder.spawnIntervalSeconds = 30
        #expect(scenario.feeder == feeder)
        #expect(scenario.horizon == .hours(24))
        #expect(scenario.policy == .classic(ClassicPolicy.Parameters()))
    }

    @Test func policyDefaultsPerName() throws {
        #expect(try ScenarioLoader.parse(yaml: "policy: {name: backlog}", file: "x").policy
            == .backlog(BacklogPolicy.Parameters()))
        #expect(try ScenarioLoader.parse(yaml: "policy: {name: hpa, min_instances: 1}", file: "x").policy
            == .hpa(HPAPolicy.Parameters(minInstances: 1)))
        #expect(try ScenarioLoader.parse(yaml: "policy: {overflow_threshold: 0}", file: "x").policy
            == .classic(ClassicPolicy.Parameters(overflowThreshold: 0)))
    }

    @Test func valueForms() throws {
        let yaml = """
        jobs: 500
        seed: 42
        workload:
          encode_seconds: 120
          download_seconds: {distribution: gamma, shape: 2, scale: 10}
          upload_seconds: {distribution: weibull, shape: 1.5, scale: 8}
        fleet:
          boot_seconds: {distribution: constant, value: 45}
          instance_quota: 20
          mean_hours_between_failures: 100
        feeder:
          state_changes_per_check: 10
        worker:
          poll_interval_seconds: 5
        """
        let scenario = try ScenarioLoader.parse(yaml: yaml, file: "x.yaml")
        #expect(scenario.horizon == .jobs(500))
        #expect(scenario.seed == 42)
        #expect(scenario.workload.encodeSeconds == .constant(value: 120))
        #expect(scenario.workload.downloadSeconds == .gamma(shape: 2, scale: 10))
        #expect(scenario.workload.uploadSeconds == .weibull(shape: 1.5, scale: 8))
        #expect(scenario.fleet.bootSeconds == .constant(value: 45))
        #expect(scenario.fleet.instanceQuota == 20)
        #expect(scenario.fleet.meanHoursBetweenFailures == 100)
        #expect(scenario.feeder.stateChangesPerCheck == 10)
        #expect(scenario.worker.pollIntervalSeconds == 5)
        let drained = try ScenarioLoader.parse(yaml: "feeder: {state_changes_per_check: drain}", file: "x")
        #expect(drained.feeder.stateChangesPerCheck == nil)
    }

    @Test func knownKeyPaths() {
        let paths = ScenarioSchema.knownKeyPaths
        #expect(paths == paths.sorted())
        #expect(Set(paths).count == paths.count)
        for path in ["workload.arrivals.rate_per_hour", "policy.instances", "fleet.billing.model",
                     "workload.encode_seconds.median", "workload.arrivals.bursts[].at_hour",
                     "feeder.state_changes_per_check", "duration_hours", "statistics.warmup_hours"] {
            #expect(paths.contains(path), "\(path)")
        }
    }
}
