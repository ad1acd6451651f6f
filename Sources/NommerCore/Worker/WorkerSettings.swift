/// The worker's (ec2nommerd's) limits, intervals and switches. Defaults are
/// media-nommer's settings, except where a known fault is fixed.
public struct WorkerSettings: Sendable, Equatable {
    /// How many jobs one instance encodes at once (MAX_ENCODING_JOBS_PER_EC2_INSTANCE).
    public var jobsPerInstance: Int = 2
    /// How often an instance with a free slot asks the queue for work, in
    /// seconds (NOMMERD_NEW_JOB_CHECK_INTERVAL). Ignored when long-polling.
    public var pollIntervalSeconds: Seconds = 60
    /// Long polling: an idle worker waits on the queue and gets a message the
    /// moment one is visible. The original polled on an interval.
    public var longPoll: Bool = false
    /// How often the worker reports that its jobs are alive, in seconds
    /// (NOMMERD_HEARTBEAT_INTERVAL).
    public var heartbeatIntervalSeconds: Seconds = 60
    /// Fix: a heartbeat refreshes the job's last-modified time, so an encode
    /// longer than the abandon threshold is not abandoned. The original did not.
    public var heartbeatRefreshesJob: Bool = true
    /// A heartbeat rewrites a held job's record only once its last change is
    /// at least this old, in seconds; 0 (the default): every heartbeat writes.
    /// Fewer writes (each a billed request on AWS) for a record that is at
    /// most this plus ``heartbeatIntervalSeconds`` old, which must stay below
    /// ``takeoverAfterSeconds`` (the loader checks it).
    public var heartbeatWriteAfterSeconds: Seconds = 0
    /// The original deleted a queue message as soon as it was received, so a
    /// job on a crashed worker was lost until abandoned. Default (false):
    /// delete when the job is finished, so the message comes back.
    public var deleteOnReceive: Bool = false
    /// A worker idle this long terminates its own instance, in seconds
    /// (NOMMERD_MAX_INACTIVITY); 0 never does.
    public var idleShutdownSeconds: Seconds = 600
    /// Visibility timeout asked for when receiving a job, in seconds (the
    /// original used 3600). A worker extends it while it holds the job.
    public var visibilityTimeoutSeconds: Seconds = 3600
    /// A redelivered job still in progress is taken over (restarted) only if
    /// its record has not changed for this long, in seconds; a fresher record
    /// means another worker is alive and holds it (a duplicate delivery).
    public var takeoverAfterSeconds: Seconds = 180

    public init() {}

    /// The original's behaviour: delete on receive, no job heartbeat.
    public static var original: WorkerSettings {
        var settings = WorkerSettings()
        settings.deleteOnReceive = true
        settings.heartbeatRefreshesJob = false
        return settings
    }
}
