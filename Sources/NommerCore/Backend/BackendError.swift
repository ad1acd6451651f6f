/// A failure of a backend operation (job store, job queue or fleet), typed so
/// a driver can tell what to retry.
public enum BackendError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A stored attribute exceeds the store's limit (SimpleDB: 1024 bytes).
    case attributeTooLong(job: JobID, attribute: String, bytes: Int, limit: Int)
    /// No record with this id.
    case jobNotFound(JobID)
    /// The receipt handle names no message in flight (deleted, or its
    /// visibility timeout expired and it was received again).
    case invalidReceiptHandle(ReceiptHandle)
    /// More messages asked for than one receive may return.
    case batchTooLarge(requested: Int, limit: Int)
    /// The fleet refused a launch (the account's instance quota).
    case instanceLimitExceeded(requested: Int, available: Int)
    /// The instance is not (or no longer) in the fleet.
    case unknownInstance(InstanceID)
    /// A failure that may pass if retried (throttling, a 5xx, a lost connection).
    case transient(String)
    /// Any other failure, with the service's code and message.
    case service(code: String, message: String)

    public var description: String {
        switch self {
        case let .attributeTooLong(job, attribute, bytes, limit):
            return "job \(job): attribute \(attribute) is \(bytes) bytes, over the store's limit of \(limit)"
        case let .jobNotFound(job): return "job \(job) not found"
        case let .invalidReceiptHandle(handle): return "invalid receipt handle \(handle)"
        case let .batchTooLarge(requested, limit): return "asked for \(requested) messages; at most \(limit) per receive"
        case let .instanceLimitExceeded(requested, available):
            return "launch of \(requested) instances refused: \(available) left under the quota"
        case let .unknownInstance(id): return "unknown instance \(id)"
        case let .transient(message): return "transient failure: \(message)"
        case let .service(code, message): return "\(code): \(message)"
        }
    }

    /// Whether retrying the same call may succeed.
    public var isTransient: Bool {
        if case .transient = self { return true }
        return false
    }
}
