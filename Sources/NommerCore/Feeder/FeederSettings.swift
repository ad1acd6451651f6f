/// The feeder's (feederd's) intervals and switches. Defaults are media-nommer's
/// settings, except where a known fault is fixed (each fix is a switch).
public struct FeederSettings: Sendable, Equatable {
    /// How often to read the state-change queue, in seconds
    /// (FEEDERD_JOB_STATE_CHANGE_CHECK_INTERVAL).
    public var stateCheckIntervalSeconds: Seconds = 60
    /// How often to run the spawn policy, in seconds (FEEDERD_AUTO_SCALE_INTERVAL).
    public var spawnIntervalSeconds: Seconds = 60
    /// How often to prune finished jobs and abandon stale ones, in seconds
    /// (FEEDERD_PRUNE_JOBS_INTERVAL).
    public var pruneIntervalSeconds: Seconds = 300
    /// A job whose record has not changed for longer than this is marked
    /// ABANDONED, in seconds (FEEDERD_ABANDON_INACTIVE_JOBS_THRESH, 9 hours).
    public var abandonAfterSeconds: Seconds = 32400
    /// How many state-change messages one check handles; nil drains the queue.
    /// The original handled one batch of 10 per check.
    public var stateChangesPerCheck: Int? = nil
    /// How far back the policy's "recent completions" reach, in seconds.
    public var completionWindowSeconds: Seconds = 600

    public init() {}

    /// The faults of the original, reproduced: one batch of 10 state changes per check.
    public static var original: FeederSettings {
        var settings = FeederSettings()
        settings.stateChangesPerCheck = 10
        return settings
    }
}
