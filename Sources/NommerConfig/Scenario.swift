import NommerCore

/// A scenario: the workload, the fleet, the simulated services and the
/// orchestrator's settings for one simulation run. Loaded from YAML by
/// ``ScenarioLoader``; documented field by field in `docs/scenarios.md`.
public struct Scenario: Sendable, Equatable {
    /// The most simulated time a run may cover, in hours (1000 years): past
    /// it a run would go on for hours of processor time, so the loader refuses
    /// horizons beyond it and `replay` a load scale that stretches a trace past it.
    public static let maximumSimulatedHours = 1000 * 8766.0

    /// The most jobs a run may bring (1e9): the loader refuses a larger `jobs`
    /// and arrivals whose peak rate times their hours exceeds it (diurnal,
    /// hourly and burst arrivals draw candidates at the peak rate, so that
    /// is the work and memory a run would take; `rate_per_hour: 1e300` would
    /// otherwise run for ever).
    public static let maximumJobs = 1_000_000_000

    /// A short name, printed in results.
    public var name: String = "scenario"
    /// Free text about what the scenario models.
    public var description: String = ""
    /// Base seed of every random stream of the run.
    public var seed: UInt64 = 1
    /// When arrivals stop.
    public var horizon: Horizon = .hours(24)
    /// After arrivals stop, run on until every job is finished.
    public var drain: Bool = true
    /// Give up draining after this long, in hours (a safety net).
    public var maxDrainHours: Double = 48
    public var workload = WorkloadSpec()
    public var fleet = FleetSpec()
    public var queue = QueueSpec()
    public var store = StoreSpec()
    public var feeder = FeederSettings()
    public var worker = WorkerSettings()
    public var policy: PolicyConfiguration = .classic(ClassicPolicy.Parameters())
    /// Statistics options.
    public var statistics = StatisticsSpec()
    /// The AWS backend (`aws`); the simulator ignores it.
    public var aws = AWSSpec()

    public init() {}

    /// The policy's limits: the fleet's maximum and the worker's slots.
    public var fleetLimits: FleetLimits {
        FleetLimits(maxInstances: fleet.maxInstances, jobsPerInstance: worker.jobsPerInstance)
    }
}

/// When a run stops admitting jobs.
public enum Horizon: Sendable, Equatable {
    /// Arrivals for this many simulated hours (`duration_hours`).
    case hours(Double)
    /// Exactly this many arrivals (`jobs`).
    case jobs(Int)
}

/// What arrives and how long the work takes (`workload`).
public struct WorkloadSpec: Sendable, Equatable {
    public var arrivals: ArrivalSpec = .poisson(ratePerHour: 120)
    /// Time to download a job's source, in seconds.
    public var downloadSeconds: DistributionSpec = .constant(value: 0)
    /// Time to encode, in seconds.
    public var encodeSeconds: DistributionSpec = .lognormal(median: 300, sigma: 0.8)
    /// Time to upload the result, in seconds.
    public var uploadSeconds: DistributionSpec = .constant(value: 0)
    /// Probability that an encode fails (the job ends ERROR), in [0, 1].
    public var errorProbability: Double = 0
    /// Probability that a job hangs its nommer (no progress, no state change;
    /// only the abandon threshold ends it), in [0, 1].
    public var hangProbability: Double = 0

    public init() {}
}

/// The simulated EC2 fleet (`fleet`).
public struct FleetSpec: Sendable, Equatable {
    /// Time from launch until the instance takes work, in seconds.
    public var bootSeconds: DistributionSpec = .constant(value: 90)
    /// Most instances the policy may run (MAX_NUM_EC2_INSTANCES).
    public var maxInstances: Int = 3
    /// The account's instance quota; launches beyond it fail. nil: no quota.
    public var instanceQuota: Int? = nil
    public var billing = BillingSpec()
    /// Mean time between failures of one instance, in hours; nil: instances never fail.
    public var meanHoursBetweenFailures: Double? = nil

    public init() {}
}

/// How instances are billed (`fleet.billing`).
public struct BillingSpec: Sendable, Equatable {
    public enum Model: String, Sendable, Equatable, CaseIterable {
        /// Every started hour is billed in full (EC2 before October 2017).
        case perHour = "per_hour"
        /// Billed by the second with a 60-second minimum (EC2 since October 2017).
        case perSecond = "per_second"
    }
    public var model: Model = .perHour
    /// Price of one instance-hour, in USD.
    public var pricePerHour: Double = 0.34

    public init() {}
}

/// The simulated SQS queues (`queue`).
public struct QueueSpec: Sendable, Equatable {
    /// Probability that a receive also leaves a duplicate copy of a message
    /// on the queue (SQS delivers at least once), in [0, 1].
    public var duplicateProbability: Double = 0

    public init() {}
}

/// The simulated SimpleDB job store (`store`).
public struct StoreSpec: Sendable, Equatable {
    /// For this long after a write, an eventually consistent read returns
    /// the previous version, in seconds; 0: reads are always consistent.
    public var eventualConsistencySeconds: Seconds = 0
    /// The feeder reads with ConsistentRead (the fix); false reproduces
    /// stale reads.
    public var consistentReads: Bool = true
    /// Finished records are kept this long and then dropped, so memory does
    /// not grow with the number of finished jobs, in seconds.
    public var finishedRetentionSeconds: Seconds = 3600

    public init() {}
}

/// What the run measures (`statistics`).
public struct StatisticsSpec: Sendable, Equatable {
    /// Jobs submitted before this many hours are left out of wait and
    /// turnaround figures (warm-up deletion); 0 keeps all.
    public var warmupHours: Double = 0
    /// Seconds between samples of the run's time series (queue depth, fleet
    /// size, jobs in progress); 0 takes no samples.
    public var sampleIntervalSeconds: Double = 0

    public init() {}
}
