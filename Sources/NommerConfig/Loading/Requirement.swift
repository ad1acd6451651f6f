/// A range a number must lie in, with the words an error message uses.
struct Requirement: Sendable {
    /// Reads after "must be", e.g. "> 0".
    let text: String
    let test: @Sendable (Double) -> Bool

    static let positive = Requirement(text: "> 0") { $0 > 0 }
    static let nonNegative = Requirement(text: ">= 0") { $0 >= 0 }
    static let probability = Requirement(text: "in [0, 1]") { $0 >= 0 && $0 <= 1 }
    static let hourOfDay = Requirement(text: "in [0, 24)") { $0 >= 0 && $0 < 24 }
    /// How often a timer fires, in seconds: at least 1 ms, because a timer
    /// due again at (almost) the time it fired would hold the clock still
    /// (1e-300 s after a time is that same time in floating point).
    static let timerInterval = Requirement(text: ">= 0.001 (1 ms)") { $0 >= minimumTimerSeconds }
    /// A timer interval where 0 switches the timer off.
    static let timerIntervalOrOff = Requirement(text: "0 (off) or >= 0.001 (1 ms)") { $0 == 0 || $0 >= minimumTimerSeconds }
    /// The shortest timer interval, in seconds (1 ms).
    static let minimumTimerSeconds = 0.001
    /// An SQS visibility timeout: the timer rule's 1 ms (a message due to
    /// reappear at the time it was received would be redelivered for ever
    /// without the clock moving) up to SQS's 12 hours.
    static let visibilityTimeout = Requirement(text: "in [0.001, 43200] (1 ms to 12 h)") {
        $0 >= minimumTimerSeconds && $0 <= 43200
    }
    /// `queue.duplicate_probability`: each receive leaves a copy behind with
    /// probability p and every copy is received in turn, so a message is
    /// delivered 1 / (1 - p) times on average, for ever at 1. At most 0.5
    /// (two deliveries per message on average).
    static let duplicateProbability = Requirement(text: "in [0, 0.5]") { $0 >= 0 && $0 <= 0.5 }
    /// A price in USD per instance-hour: at most 1,000,000, so that a cost
    /// (price x instance-hours) stays a finite number.
    static let pricePerHour = Requirement(text: "in [0, 1000000]") { $0 >= 0 && $0 <= 1_000_000 }
    /// A rate of work per instance (HPA's target): at least 0.001, so that
    /// backlog / target stays a count of instances a fleet can have.
    /// The backlog policy's times: bounded so that jobs per instance x
    /// latency / processing stays finite (an infinite acceptable backlog
    /// would launch nothing however many jobs wait).
    static let policySeconds = Requirement(text: "in (0, 1e9]") { $0 > 0 && $0 <= 1e9 }
    static let processingSeconds = Requirement(text: "in [0.001, 1e9]") { $0 >= 0.001 && $0 <= 1e9 }
    static let perInstanceTarget = Requirement(text: ">= 0.001") { $0 >= 0.001 }
    /// Kubernetes' HPA caps its stabilization windows at one hour; a longer
    /// window keeps one recommendation per spawn interval in memory.
    static let stabilizationWindow = Requirement(text: "in [0, 3600] (at most 1 h, as Kubernetes)") { $0 >= 0 && $0 <= 3600 }
    /// Simulated hours: at most 1000 years (8,766,000 h), past which a run
    /// would go on for hours of processor time.
    static let simulatedHours = Requirement(text: "in (0, 8766000] (1000 years)") {
        $0 > 0 && $0 <= Scenario.maximumSimulatedHours
    }
    /// Hours of draining after the last arrival: 0 to 1000 years.
    static let drainHours = Requirement(text: "in [0, 8766000] (1000 years)") {
        $0 >= 0 && $0 <= Scenario.maximumSimulatedHours
    }
    /// An integer from `minimum` to `maximum`, both included.
    static func integer(_ minimum: Int, _ maximum: Int) -> Requirement {
        Requirement(text: "in [\(minimum), \(maximum)]") { $0 >= Double(minimum) && $0 <= Double(maximum) }
    }
    /// Instances (`fleet.max_instances`, `instance_quota`, a policy's
    /// `instances` and `min_instances`): at most 100,000.
    static let maximumInstances = 100_000
    static let instanceCount = integer(1, maximumInstances)
    static let instanceMinimum = integer(0, maximumInstances)
    /// Jobs one instance encodes at once: at most 1000.
    static let jobsPerInstance = integer(1, 1000)
    /// Counts of jobs in a policy's or the feeder's arithmetic
    /// (`overflow_threshold`, `state_changes_per_check`): at most 1,000,000.
    static let jobCount = integer(0, 1_000_000)
    static let batchCount = integer(1, 1_000_000)
}

extension StatisticsSpec {
    /// What is wrong with `seconds` as a sample interval ("must be 0 (off)
    /// or >= 0.001 (1 ms)"), or nil: the rule of
    /// `statistics.sample_interval_seconds`, for `sweep --sample-interval-seconds`.
    public static func sampleIntervalProblem(_ seconds: Double) -> String? {
        let rule = Requirement.timerIntervalOrOff
        return seconds.isFinite && rule.test(seconds) ? nil : "must be \(rule.text)"
    }
}
