/// One encoding job: media-nommer's `EncodingJob`, every field of the original
/// plus the bookkeeping the fixes need (`startedAt`, `attempts`).
///
/// A value type: the job store holds the record, caches and workers hold
/// copies, and every change goes through a method that enforces the legal
/// transitions and stamps `lastModifiedAt` with the time it is given.
public struct EncodingJob: Sendable, Hashable {
    /// The job's unique id (`unique_id`).
    public let id: JobID
    /// What the job is asked to do, shared between copies.
    private var request: JobDescription
    /// URI of the media to encode (`source_path`).
    public var sourceURI: String {
        get { request.sourceURI }
        set { request = request.with(sourceURI: newValue) }
    }
    /// URI to upload the encoded media to (`dest_path`).
    public var destinationURI: String {
        get { request.destinationURI }
        set { request = request.with(destinationURI: newValue) }
    }
    /// Name of the nommer that does the work, for example `ffmpeg` (`nommer`).
    public var nommer: String {
        get { request.nommer }
        set { request = request.with(nommer: newValue) }
    }
    /// The nommer's options as a JSON text (`job_options`).
    public var jobOptionsJSON: String {
        get { request.jobOptionsJSON }
        set { request = request.with(jobOptionsJSON: newValue) }
    }
    /// URL to call when the job finishes (`notify_url`).
    public var notifyURL: String? {
        get { request.notifyURL }
        set { request = request.with(notifyURL: .some(newValue)) }
    }
    /// How the notify URL is called: a JSON POST on finished states, or
    /// media-nommer's form-encoded callback on every state change.
    public var notifyStyle: NotifyStyle {
        get { request.notifyStyle }
        set { request = request.with(notifyStyle: newValue) }
    }
    /// Current state (`job_state`).
    public private(set) var state: JobState
    /// Details of the current state, at most ``StateDetails/maximumBytes`` bytes
    /// of UTF-8 (`job_state_details`).
    public private(set) var stateDetails: String?
    /// When the job was submitted, in seconds (`creation_dtime`).
    public let createdAt: Seconds
    /// When the record last changed, in seconds (`last_modified_dtime`). The
    /// feeder abandons jobs whose record has not changed for too long.
    public private(set) var lastModifiedAt: Seconds
    /// When a worker last started (or restarted) the job, in seconds; nil while PENDING.
    public private(set) var startedAt: Seconds?
    /// How many times a worker has started the job (1 after the first start;
    /// more when a job is taken over from a lost worker).
    public private(set) var attempts: Int

    /// A new PENDING job, or a record read back from a store when `state`
    /// and the other bookkeeping fields are given.
    public init(
        id: JobID,
        sourceURI: String,
        destinationURI: String,
        nommer: String,
        jobOptionsJSON: String = "{}",
        notifyURL: String? = nil,
        notifyStyle: NotifyStyle = .json,
        state: JobState = .pending,
        stateDetails: String? = nil,
        createdAt: Seconds,
        lastModifiedAt: Seconds? = nil,
        startedAt: Seconds? = nil,
        attempts: Int = 0
    ) {
        self.id = id
        self.request = JobDescription(sourceURI: sourceURI, destinationURI: destinationURI, nommer: nommer,
                                      jobOptionsJSON: jobOptionsJSON, notifyURL: notifyURL, notifyStyle: notifyStyle)
        self.state = state
        self.stateDetails = stateDetails.map { StateDetails.truncated($0) }
        self.createdAt = createdAt
        self.lastModifiedAt = lastModifiedAt ?? createdAt
        self.startedAt = startedAt
        self.attempts = attempts
    }

    /// A new PENDING job asking for the same work as `template` (its URIs,
    /// nommer, options and notify URL, shared rather than copied): how a
    /// simulated workload makes millions of alike jobs cheaply.
    public init(id: JobID, like template: EncodingJob, createdAt: Seconds) {
        self.id = id
        self.request = template.request
        self.state = .pending
        self.stateDetails = nil
        self.createdAt = createdAt
        self.lastModifiedAt = createdAt
        self.startedAt = nil
        self.attempts = 0
    }

    /// True if the job is FINISHED, ERROR or ABANDONED.
    @inlinable public var isFinished: Bool { state.isFinished }

    /// Moves the job to `next`, if the table of legal transitions allows it.
    ///
    /// - Parameters:
    ///   - details: replaces the state details; cut to the last 1023 bytes.
    ///   - now: the time of the change, in seconds; becomes `lastModifiedAt`.
    /// - Throws: ``JobTransitionError/illegalTransition(job:from:to:)``; the
    ///   job is left unchanged.
    public mutating func transition(to next: JobState, details: String? = nil, at now: Seconds) throws(JobTransitionError) {
        guard state.canTransition(to: next) else {
            throw .illegalTransition(job: id, from: state, to: next)
        }
        if next == .downloading {
            startedAt = now
            attempts += 1
        }
        state = next
        stateDetails = details.map { StateDetails.truncated($0) }
        lastModifiedAt = now
    }

    /// Takes over a job whose worker was lost (its queue message came back
    /// after the visibility timeout while the job was DOWNLOADING, ENCODING or
    /// UPLOADING): the work starts again at DOWNLOADING.
    ///
    /// This is deliberately not a transition of the state table: it is a
    /// re-entry, counted in ``attempts``, so the table stays exactly the
    /// original's while the at-least-once queue can recover a crashed worker's job.
    public mutating func restart(at now: Seconds) throws(JobTransitionError) {
        guard state.isInProgress else { throw .cannotRestart(job: id, state: state) }
        state = .downloading
        stateDetails = "restarted after a lost worker (attempt \(attempts + 1))"
        startedAt = now
        attempts += 1
        lastModifiedAt = now
    }

    /// Hands a job back to the queue when its worker stops before finishing it
    /// (SIGTERM past the drain time): the job is PENDING again, so the next
    /// worker to receive its message starts it at once instead of taking it
    /// for one another live worker holds. Like ``restart(at:)``, a re-entry
    /// rather than a transition of the state table; the next start counts
    /// another attempt.
    public mutating func release(at now: Seconds) throws(JobTransitionError) {
        guard state.isInProgress else { throw .cannotRestart(job: id, state: state) }
        state = .pending
        stateDetails = "released by a stopping worker after attempt \(attempts)"
        startedAt = nil
        lastModifiedAt = now
    }

    /// Records that the job is alive without changing its state (a worker's
    /// heartbeat), so a long encode is not mistaken for an abandoned one.
    public mutating func touch(at now: Seconds) {
        lastModifiedAt = now
    }
}
