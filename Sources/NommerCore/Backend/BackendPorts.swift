/// The job store a live driver talks to (SimpleDB, DynamoDB, SQLite).
///
/// ## Implementation requirements
/// Every call may fail and be retried: `put` is an idempotent overwrite of the
/// whole record. `get` with `consistent: true` must reflect every completed
/// `put`. Errors are ``BackendError``s; transient ones are marked so.
public protocol JobStore: Sendable {
    /// Writes the whole record.
    func put(_ job: EncodingJob) async throws(BackendError)
    /// The record with this id, or nil.
    func get(_ id: JobID, consistent: Bool) async throws(BackendError) -> EncodingJob?
    /// Every record in an unfinished state.
    func selectUnfinished() async throws(BackendError) -> [EncodingJob]
}

/// A job queue a live driver talks to (SQS, or a table with SQS semantics).
///
/// ## Implementation requirements
/// At-least-once delivery; a received message is hidden for its visibility
/// timeout and comes back unless deleted; at most ``maximumReceiveBatch``
/// messages per receive; `waitSeconds` > 0 long-polls up to that long.
public protocol JobQueue: Sendable {
    func send(_ job: JobID) async throws(BackendError)
    func receive(max: Int, visibilityTimeoutSeconds: Seconds, waitSeconds: Seconds) async throws(BackendError) -> [QueueMessage]
    func delete(_ receipt: ReceiptHandle) async throws(BackendError)
    func changeVisibility(_ receipt: ReceiptHandle, timeoutSeconds: Seconds) async throws(BackendError)
    func counts() async throws(BackendError) -> QueueCounts
    /// Whether a receive its caller cancels may still take messages: SQS
    /// finishes a long poll whose client went away and hides what it
    /// delivered for the visibility timeout, where nobody can hand it back.
    /// A driver that stops listening then lets such a receive finish and
    /// hands its messages back instead of cancelling it. Default false.
    var cancelledReceiveMayTakeMessages: Bool { get }
}

extension JobQueue {
    public var cancelledReceiveMayTakeMessages: Bool { false }
}

/// The fleet a live driver talks to (EC2, or local worker processes).
///
/// ## Implementation requirements
/// `describe` lists the fleet's instances that are booting, running or
/// stopping (terminated ones are left out); `launch` may launch fewer than
/// asked and returns the new ids; a retried `launch` must not double the fleet.
public protocol Fleet: Sendable {
    func describe() async throws(BackendError) -> [InstanceDescription]
    func launch(count: Int) async throws(BackendError) -> [InstanceID]
    func terminate(_ ids: [InstanceID]) async throws(BackendError)
}
