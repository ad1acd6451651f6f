/// The keys a scenario file may use, section by section. The decoder
/// refuses any other key; ``knownKeyPaths`` lists them all.
public enum ScenarioSchema {
    static let root = ["name", "description", "seed", "duration_hours", "jobs", "drain", "max_drain_hours",
                       "workload", "fleet", "queue", "store", "feeder", "worker", "policy", "statistics", "aws"]
    static let workload = ["arrivals", "download_seconds", "encode_seconds", "upload_seconds",
                           "error_probability", "hang_probability"]
    /// The keys of `workload.arrivals` for each `process`, besides `process`.
    static let arrivals: [Variant] = [
        ("poisson", ["rate_per_hour"]),
        ("diurnal", ["mean_rate_per_hour", "amplitude", "peak_hour"]),
        ("hourly", ["rates_per_hour"]),
        ("bursts", ["base_rate_per_hour", "bursts"]),
        ("renewal", ["gap_seconds"]),
    ]
    static let burst = ["at_hour", "duration_minutes", "rate_per_hour", "every_hours"]
    /// The keys of a distribution mapping for each `distribution`, besides `distribution`.
    static let distributions: [Variant] = [
        ("constant", ["value"]),
        ("exponential", ["mean"]),
        ("lognormal", ["median", "sigma"]),
        ("gamma", ["shape", "scale"]),
        ("weibull", ["shape", "scale"]),
    ]
    /// The fields that hold a distribution.
    static let distributionFields = ["workload.download_seconds", "workload.encode_seconds",
                                     "workload.upload_seconds", "fleet.boot_seconds", "workload.arrivals.gap_seconds"]
    static let fleet = ["boot_seconds", "max_instances", "instance_quota", "billing", "mean_hours_between_failures"]
    static let billing = ["model", "price_per_hour"]
    static let queue = ["duplicate_probability"]
    static let store = ["eventual_consistency_seconds", "consistent_reads", "finished_retention_seconds"]
    static let feeder = ["state_check_interval_seconds", "spawn_interval_seconds", "prune_interval_seconds",
                         "abandon_after_seconds", "state_changes_per_check", "completion_window_seconds"]
    static let worker = ["jobs_per_instance", "poll_interval_seconds", "long_poll", "heartbeat_interval_seconds",
                         "heartbeat_refreshes_job", "heartbeat_write_after_seconds", "delete_on_receive", "idle_shutdown_seconds",
                         "visibility_timeout_seconds", "takeover_after_seconds"]
    /// The keys of `policy` for each `name`, besides `name`.
    static let policies: [Variant] = [
        ("classic", ["overflow_threshold", "allow_overshoot"]),
        ("backlog", ["acceptable_latency_seconds", "mean_processing_seconds", "use_observed_processing_time",
                     "min_instances", "scale_in"]),
        ("hpa", ["target_jobs_per_instance", "tolerance", "scale_down_stabilization_seconds", "min_instances"]),
        ("fixed", ["instances"]),
    ]
    static let statistics = ["warmup_hours", "sample_interval_seconds"]
    static let aws = ["region", "endpoint_url", "new_jobs_queue", "state_changes_queue", "job_store", "job_table",
                      "fleet_name", "ami_id", "instance_type", "subnet_id", "security_group_ids", "instance_profile",
                      "user_data", "metadata_url", "retry_max_attempts", "request_timeout_seconds"]

    /// Every key path a scenario may set, sorted: sections (`fleet`,
    /// `fleet.billing`) and leaves (`fleet.billing.model`). Keys that only
    /// some variants accept (a policy's or a distribution's parameters) are
    /// all listed; list items appear as `workload.arrivals.bursts[].at_hour`.
    public static var knownKeyPaths: [String] {
        var paths = Set(root)
        func add(_ section: String, _ keys: [String]) {
            for key in keys { paths.insert("\(section).\(key)") }
        }
        add("workload", workload)
        add("workload.arrivals", ["process"] + arrivals.flatMap(\.keys))
        add("workload.arrivals.bursts[]", burst)
        add("fleet", fleet)
        add("fleet.billing", billing)
        for field in distributionFields {
            add(field, ["distribution"] + distributions.flatMap(\.keys))
        }
        add("queue", queue)
        add("store", store)
        add("feeder", feeder)
        add("worker", worker)
        add("policy", ["name"] + policies.flatMap(\.keys))
        add("statistics", statistics)
        add("aws", aws)
        return paths.sorted()
    }

    /// Keys whose value selects which other keys are allowed beside them.
    static func isVariantSelector(_ path: String) -> Bool {
        path == "policy.name" || path == "workload.arrivals.process" || path.hasSuffix(".distribution")
    }

    /// The variant in force when the selector is absent, if there is one.
    static func defaultVariant(of selectorPath: String) -> String? {
        selectorPath == "policy.name" ? "classic" : nil
    }

    /// The key that cannot be given together with this one.
    static func exclusiveSibling(of path: String) -> String? {
        switch path {
        case "duration_hours": return "jobs"
        case "jobs": return "duration_hours"
        default: return nil
        }
    }
}
