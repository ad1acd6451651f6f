import NommerCore

/// How a traced job ended (`outcome` column).
public enum TraceOutcome: String, Sendable, Equatable, CaseIterable {
    case finished
    case error
}

/// One job of a trace (one line of the file).
public struct TraceRecord: Sendable, Equatable {
    /// The line of the file it came from (1-based).
    public var line: Int
    /// Submission time, in seconds from the trace's start.
    public var submittedAt: Seconds
    /// How long the job's encode took, in seconds, if the trace says.
    public var encodeSeconds: Seconds?
    /// How long the job's download took, in seconds, if the trace says.
    public var downloadSeconds: Seconds?
    /// How long the job's upload took, in seconds, if the trace says.
    public var uploadSeconds: Seconds?
    /// How the job ended, if the trace says.
    public var outcome: TraceOutcome?
    /// The job's id in the trace, if it has one (kept for messages only).
    public var jobID: String?

    public init(line: Int, submittedAt: Seconds, encodeSeconds: Seconds? = nil, outcome: TraceOutcome? = nil,
                jobID: String? = nil, downloadSeconds: Seconds? = nil, uploadSeconds: Seconds? = nil) {
        self.line = line
        self.submittedAt = submittedAt
        self.encodeSeconds = encodeSeconds
        self.downloadSeconds = downloadSeconds
        self.uploadSeconds = uploadSeconds
        self.outcome = outcome
        self.jobID = jobID
    }
}
