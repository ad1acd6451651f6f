import NommerCore

/// The state of a run at one instant of simulated time, taken every
/// `statistics.sample_interval_seconds`.
public struct TimeSeriesSample: Sendable, Equatable {
    /// Simulated time of the sample, in seconds from the start.
    public var t: Seconds
    /// Messages waiting on the new-job queue (visible).
    public var queueVisible: Int
    /// Messages received by workers and not yet deleted (in flight).
    public var queueInFlight: Int
    /// Instances launched and still booting.
    public var instancesBooting: Int
    /// Instances running and taking work.
    public var instancesRunning: Int
    /// Instances draining before they terminate.
    public var instancesStopping: Int
    /// Jobs held by workers (busy job slots).
    public var jobsInProgress: Int

    public init(t: Seconds, queueVisible: Int, queueInFlight: Int, instancesBooting: Int,
                instancesRunning: Int, instancesStopping: Int, jobsInProgress: Int) {
        self.t = t
        self.queueVisible = queueVisible
        self.queueInFlight = queueInFlight
        self.instancesBooting = instancesBooting
        self.instancesRunning = instancesRunning
        self.instancesStopping = instancesStopping
        self.jobsInProgress = jobsInProgress
    }
}
