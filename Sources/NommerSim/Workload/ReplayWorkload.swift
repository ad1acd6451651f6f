import NommerCore

/// One job of a replayed workload: when it arrives and, where the trace
/// says, how long its download, encode and upload take and how it ends.
public struct ReplayedJob: Sendable, Equatable {
    /// Submission time, in seconds from the start of the run.
    public var submittedAt: Seconds
    /// The encode's duration, in seconds; nil: drawn from the scenario's `encode_seconds`.
    public var encodeSeconds: Seconds?
    /// true: the encode fails (the job ends ERROR); false: it succeeds;
    /// nil: the scenario's `error_probability` and `hang_probability` decide.
    public var fails: Bool?
    /// The download's duration, in seconds; nil: drawn from the scenario's `download_seconds`.
    public var downloadSeconds: Seconds?
    /// The upload's duration, in seconds; nil: drawn from the scenario's `upload_seconds`.
    public var uploadSeconds: Seconds?

    public init(submittedAt: Seconds, encodeSeconds: Seconds? = nil, fails: Bool? = nil,
                downloadSeconds: Seconds? = nil, uploadSeconds: Seconds? = nil) {
        self.submittedAt = submittedAt
        self.encodeSeconds = encodeSeconds
        self.fails = fails
        self.downloadSeconds = downloadSeconds
        self.uploadSeconds = uploadSeconds
    }
}

/// A workload given job by job (a trace), replayed instead of the scenario's
/// arrival process. Job number n of the run (id `j<n>`, from 1) is `jobs[n - 1]`.
public struct ReplayWorkload: Sendable, Equatable {
    /// The jobs in order of submission (sorted by `submittedAt`, ties in the given order).
    public let jobs: [ReplayedJob]

    /// Sorts `jobs` by submission time, keeping the given order among equal times.
    /// Times must be finite and >= 0.
    public init(jobs: [ReplayedJob]) {
        precondition(jobs.allSatisfy { $0.submittedAt.isFinite && $0.submittedAt >= 0 },
                     "replayed submission times must be finite and >= 0")
        self.jobs = jobs.enumerated()
            .sorted { ($0.element.submittedAt, $0.offset) < ($1.element.submittedAt, $1.offset) }
            .map(\.element)
    }

    /// The job the run numbers `number` (1-based), if the workload has it.
    @inlinable public func job(numbered number: Int) -> ReplayedJob? {
        number >= 1 && number <= jobs.count ? jobs[number - 1] : nil
    }
}
