/// What a spawn policy sees when it decides: the queue, the fleet and the
/// recent throughput, at one instant.
public struct FleetSnapshot: Sendable, Equatable {
    /// When the snapshot was taken, in seconds.
    public var time: Seconds
    /// Messages waiting on the new-job queue (SQS ApproximateNumberOfMessages).
    public var visibleMessages: Int
    /// Messages received but not yet deleted (ApproximateNumberOfMessagesNotVisible).
    public var inFlightMessages: Int
    /// Instances that are up and taking work.
    public var runningInstances: Int
    /// Instances launched but not yet running.
    public var bootingInstances: Int
    /// Instances asked to stop that are still finishing their jobs: they
    /// take no new work but are alive (and billed), so they count against
    /// ``FleetLimits/maxInstances`` until they are gone.
    public var stoppingInstances: Int
    /// Unfinished jobs known to the feeder's cache (media-nommer's U).
    public var unfinishedJobs: Int
    /// Jobs that reached FINISHED or ERROR within the last `completionWindowSeconds`.
    public var recentCompletions: Int
    /// Mean time from start of work to finish of those jobs, in seconds; nil if none.
    public var recentMeanProcessingSeconds: Seconds?
    /// The window `recentCompletions` counts over, in seconds.
    public var completionWindowSeconds: Seconds

    public init(
        time: Seconds, visibleMessages: Int, inFlightMessages: Int,
        runningInstances: Int, bootingInstances: Int, stoppingInstances: Int = 0, unfinishedJobs: Int,
        recentCompletions: Int = 0, recentMeanProcessingSeconds: Seconds? = nil,
        completionWindowSeconds: Seconds = 600
    ) {
        self.time = time
        self.visibleMessages = visibleMessages
        self.inFlightMessages = inFlightMessages
        self.runningInstances = runningInstances
        self.bootingInstances = bootingInstances
        self.stoppingInstances = stoppingInstances
        self.unfinishedJobs = unfinishedJobs
        self.recentCompletions = recentCompletions
        self.recentMeanProcessingSeconds = recentMeanProcessingSeconds
        self.completionWindowSeconds = completionWindowSeconds
    }

    /// Running plus booting instances: the fleet the policy already pays for.
    @inlinable public var currentInstances: Int { runningInstances + bootingInstances }

    /// Every instance alive: running, booting or stopping.
    @inlinable public var aliveInstances: Int { currentInstances + stoppingInstances }
}
