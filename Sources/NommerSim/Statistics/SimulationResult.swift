import NommerCore

/// A latency's summary, in seconds. Mean and maximum are exact; percentiles
/// come from an HdrHistogram and are within 0.1% (and 1 ms).
public struct LatencySummary: Codable, Sendable, Equatable {
    public var mean: Double
    public var p50: Double
    public var p95: Double
    public var p99: Double
    public var max: Double
}

/// What one simulation run measured. Encoded as the JSON of
/// `nommer-sim run --format json` (keys in snake_case, sorted).
public struct SimulationResult: Codable, Sendable, Equatable {
    public struct Jobs: Codable, Sendable, Equatable {
        /// Jobs that arrived.
        public var submitted: Int
        /// Jobs that ended FINISHED.
        public var finished: Int
        /// Jobs that ended ERROR.
        public var error: Int
        /// Jobs that ended ABANDONED.
        public var abandoned: Int
        /// Jobs not finished when the run ended.
        public var unfinished: Int
        /// Jobs taken over from a lost worker (restarts).
        public var restarts: Int
    }

    public struct FleetFigures: Codable, Sendable, Equatable {
        /// Most instances alive (booting, running or stopping) at once.
        public var peakInstances: Int
        /// Instances launched over the run.
        public var instancesLaunched: Int
        /// Instances that failed.
        public var instanceFailures: Int
        /// Instance-hours billed (whole hours under per-hour billing).
        public var instanceHours: Double
        /// What those hours cost, in USD.
        public var costUSD: Double
        /// Busy job slots over available job slots of running instances, in [0, 1].
        public var utilization: Double

        enum CodingKeys: String, CodingKey {
            case peakInstances = "peak_instances", instancesLaunched = "instances_launched"
            case instanceFailures = "instance_failures", instanceHours = "instance_hours"
            case costUSD = "cost_usd", utilization
        }
    }

    public struct QueueFigures: Codable, Sendable, Equatable {
        /// Time-average number of jobs waiting on the new-job queue.
        public var meanVisible: Double
        /// Messages that came back after their visibility timeout.
        public var redeliveries: Int
        /// Duplicate deliveries made by the simulated SQS.
        public var duplicates: Int
        /// Job-store writes refused because the job was already finished.
        public var refusedWrites: Int

        enum CodingKeys: String, CodingKey {
            case meanVisible = "mean_visible", redeliveries, duplicates, refusedWrites = "refused_writes"
        }
    }

    public var scenario: String
    public var seed: UInt64
    public var policy: String
    public var jobs: Jobs
    /// Submitted -> work started, in seconds, for jobs submitted after the warm-up.
    public var waitSeconds: LatencySummary
    /// Submitted -> finished (any finished state), in seconds, after the warm-up.
    public var turnaroundSeconds: LatencySummary
    public var fleet: FleetFigures
    public var queue: QueueFigures
    /// Simulated time from start to end of the run, in seconds.
    public var simulatedSeconds: Double
    /// Events processed.
    public var events: Int

    enum CodingKeys: String, CodingKey {
        case scenario, seed, policy, jobs, fleet, queue, events
        case waitSeconds = "wait_seconds", turnaroundSeconds = "turnaround_seconds"
        case simulatedSeconds = "simulated_seconds"
    }
}
