import NommerCore

/// The job operations the HTTP API offers, over whichever backend runs
/// (embedded SQLite, AWS). The API validates requests first; the service
/// stores them.
///
/// ## Implementation requirements
/// `submit` returns only once the job is durable: its record is stored and its
/// id sent on the new-job queue, atomically where the backend allows (one
/// SQLite transaction on the embedded backend), so an acknowledged job is
/// never lost and never half-submitted.
public protocol JobService: Sendable {
    /// Stores a new PENDING job for `request` and enqueues it; returns the record.
    func submit(_ request: JobRequest) async throws(BackendError) -> EncodingJob
    /// The record with this id, read consistently, or nil.
    func job(_ id: JobID) async throws(BackendError) -> EncodingJob?
    /// Records, newest first, optionally only those in `state`; at most `limit`.
    func jobs(in state: JobState?, limit: Int) async throws(BackendError) -> [EncodingJob]
    /// Cancels an unfinished job: it ends ERROR with the details "cancelled",
    /// and the state-change queue is told, so the feeder and the worker holding
    /// it (at its next heartbeat) let it go. A finished job is returned unchanged.
    /// Throws ``BackendError/jobNotFound(_:)`` for an unknown id.
    func cancel(_ id: JobID) async throws(BackendError) -> EncodingJob
}
