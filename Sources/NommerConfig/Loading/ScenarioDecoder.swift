import NommerCore

/// Turns the node tree of a scenario into a ``Scenario``. Every key is
/// optional unless said otherwise; an absent key keeps the Swift type's
/// default (`Scenario()`, `FeederSettings()`, ...).
struct ScenarioDecoder {
    let context: DecodingContext

    func decode(_ root: ConfigNode) throws(ScenarioError) -> Scenario {
        let reader = try MappingReader(root, path: "", allowed: ScenarioSchema.root, context: context)
        var scenario = Scenario()
        if let value = try reader.string("name") { scenario.name = value }
        if let value = try reader.string("description") { scenario.description = value }
        if let node = reader["seed"] { scenario.seed = try context.unsignedInteger(node, path: "seed") }
        if let horizon = try horizon(reader) { scenario.horizon = horizon }
        if let value = try reader.bool("drain") { scenario.drain = value }
        if let value = try reader.number("max_drain_hours", .drainHours) { scenario.maxDrainHours = value }
        if let node = reader["workload"] { scenario.workload = try workload(node) }
        if let node = reader["fleet"] { scenario.fleet = try fleet(node) }
        if let node = reader["queue"] { scenario.queue = try queue(node) }
        if let node = reader["store"] { scenario.store = try store(node) }
        if let node = reader["feeder"] { scenario.feeder = try feeder(node) }
        if let node = reader["worker"] { scenario.worker = try worker(node) }
        if let node = reader["policy"] { scenario.policy = try policy(node) }
        if let node = reader["statistics"] { scenario.statistics = try statistics(node) }
        if let node = reader["aws"] { scenario.aws = try aws(node) }
        try checkPolicyFitsFleet(scenario, policyNode: reader["policy"], root: root)
        try checkJobsArriveInTime(scenario, reader: reader, root: root)
        try checkArrivalsBounded(scenario, root: root)
        try checkHeartbeatWrites(scenario, root: root)
        return scenario
    }

    /// A record a heartbeat rewrites only every `heartbeat_write_after_seconds`
    /// is up to that plus one heartbeat interval old: it must stay younger
    /// than the takeover and abandon thresholds, or a live worker's job would
    /// look lost.
    private func checkHeartbeatWrites(_ scenario: Scenario, root: ConfigNode) throws(ScenarioError) {
        let worker = scenario.worker
        guard worker.heartbeatWriteAfterSeconds > 0 else { return }
        let limit = min(worker.takeoverAfterSeconds, scenario.feeder.abandonAfterSeconds) - worker.heartbeatIntervalSeconds
        guard worker.heartbeatWriteAfterSeconds >= limit else { return }
        let origin = root.value(at: ["worker", "heartbeat_write_after_seconds"])?.origin ?? root.origin
        throw context.error(
            .outOfRange(requirement: "< \(limit) (the smaller of worker.takeover_after_seconds and feeder.abandon_after_seconds, less worker.heartbeat_interval_seconds)",
                        got: "\(worker.heartbeatWriteAfterSeconds)"),
            path: "worker.heartbeat_write_after_seconds", at: origin)
    }

    /// A `jobs` horizon must be reached within 1000 years of simulated time
    /// at the arrival process's long-run rate (`rate_per_hour: 1e-300` would
    /// otherwise run for ever between two arrivals).
    private func checkJobsArriveInTime(_ scenario: Scenario, reader: MappingReader, root: ConfigNode) throws(ScenarioError) {
        guard case let .jobs(count) = scenario.horizon, scenario.workload.arrivals.arrivalsEndAt == nil else { return }
        let rate = scenario.workload.arrivals.longRunRatePerHour
        guard rate > 0, Double(count) / rate > Scenario.maximumSimulatedHours else { return }
        throw context.error(
            .outOfRange(requirement: "reached within 1000 years of simulated time (the arrivals average \(rate) jobs/hour)",
                        got: "\(count)"),
            path: "jobs", at: reader["jobs"]?.origin ?? root.origin)
    }

    /// The arrivals' peak rate times the hours they arrive for (the
    /// candidates the arrival generator draws; for Poisson and renewal
    /// arrivals, the expected number of jobs) is at most
    /// ``Scenario/maximumJobs``. The error names the rate key.
    private func checkArrivalsBounded(_ scenario: Scenario, root: ConfigNode) throws(ScenarioError) {
        let arrivals = scenario.workload.arrivals
        var hours: Double
        switch scenario.horizon {
        case let .hours(duration): hours = duration
        case let .jobs(count):
            let rate = arrivals.longRunRatePerHour
            hours = rate > 0 ? Double(count) / rate : Scenario.maximumSimulatedHours
        }
        if let end = arrivals.arrivalsEndAt { hours = min(hours, end / 3600) }
        // A `jobs` horizon stops renewal arrivals after `jobs` draws, however
        // small the gaps; with hours, the median gap bounds them too.
        let peak = if case .jobs = scenario.horizon { arrivals.maximumRatePerHour } else { arrivals.boundingRatePerHour }
        let expected = peak * hours
        guard !(expected <= Double(Scenario.maximumJobs)) else { return }
        let key: String
        switch arrivals {
        case .poisson: key = "rate_per_hour"
        case .diurnal: key = "mean_rate_per_hour"
        case .hourly: key = "rates_per_hour"
        case .renewal: key = "gap_seconds"
        case let .bursts(base, _): key = base * hours > Double(Scenario.maximumJobs) ? "base_rate_per_hour" : "bursts"
        }
        let written = root.value(at: ["workload", "arrivals", key])
        let horizonKey = if case .jobs = scenario.horizon { "jobs" } else { "duration_hours" }
        let (path, origin) = written.map { ("workload.arrivals.\(key)", $0.origin) }
            ?? (horizonKey, root.value(at: [horizonKey])?.origin ?? root.origin)
        throw context.error(
            .outOfRange(requirement: "at most 1e9 jobs over the run (peak rate \(peak) jobs/hour x \(hours) h of arrivals)",
                        got: "\(expected)"),
            path: path, at: origin)
    }

    /// A policy may not ask for more instances than `fleet.max_instances` allows.
    private func checkPolicyFitsFleet(_ scenario: Scenario, policyNode: ConfigNode?, root: ConfigNode) throws(ScenarioError) {
        let key: String
        let asked: Int
        switch scenario.policy {
        case let .fixed(parameters): key = "instances"; asked = parameters.instances
        case let .backlog(parameters): key = "min_instances"; asked = parameters.minInstances
        case let .hpa(parameters): key = "min_instances"; asked = parameters.minInstances
        case .classic: return
        }
        let maximum = scenario.fleet.maxInstances
        guard asked > maximum else { return }
        let origin = policyNode?.value(at: [key])?.origin ?? policyNode?.origin ?? root.origin
        throw context.error(.outOfRange(requirement: "<= fleet.max_instances (\(maximum))", got: "\(asked)"),
                            path: "policy.\(key)", at: origin)
    }

    /// `duration_hours` or `jobs`, not both.
    private func horizon(_ reader: MappingReader) throws(ScenarioError) -> Horizon? {
        if reader.entry("duration_hours") != nil && reader.entry("jobs") != nil,
           let later = reader.entries.last(where: { $0.key == "duration_hours" || $0.key == "jobs" }) {
            throw context.error(.conflictingKeys(["duration_hours", "jobs"]), path: later.key, at: later.keyOrigin)
        }
        if let hours = try reader.number("duration_hours", .simulatedHours) { return .hours(hours) }
        if let count = try reader.integer("jobs", .integer(1, Scenario.maximumJobs)) { return .jobs(count) }
        return nil
    }

    private func statistics(_ node: ConfigNode) throws(ScenarioError) -> StatisticsSpec {
        let reader = try MappingReader(node, path: "statistics", allowed: ScenarioSchema.statistics, context: context)
        var spec = StatisticsSpec()
        if let value = try reader.number("warmup_hours", .nonNegative) { spec.warmupHours = value }
        if let value = try reader.number("sample_interval_seconds", .timerIntervalOrOff) { spec.sampleIntervalSeconds = value }
        return spec
    }
}
