/// The column names of a CSV trace and the keys of a JSON-lines trace
/// (`docs/traces.md`).
public enum TraceColumns {
    /// Submission time in seconds from the trace's start (a number >= 0).
    public static let submitSeconds = "submit_seconds"
    /// Submission time as an ISO 8601 timestamp with a time zone.
    public static let submittedAt = "submitted_at"
    /// The encode's duration, in seconds (optional).
    public static let encodeSeconds = "encode_seconds"
    /// The download's duration, in seconds (optional).
    public static let downloadSeconds = "download_seconds"
    /// The upload's duration, in seconds (optional).
    public static let uploadSeconds = "upload_seconds"
    /// `finished` or `error` (optional).
    public static let outcome = "outcome"
    /// The job's id (optional).
    public static let jobID = "job_id"

    static let all = [submitSeconds, submittedAt, encodeSeconds, downloadSeconds, uploadSeconds, outcome, jobID]
}
