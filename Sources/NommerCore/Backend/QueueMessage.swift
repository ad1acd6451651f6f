/// An opaque handle that names one receipt of a queue message; deleting or
/// changing the visibility of a message takes the handle of its latest receipt
/// (SQS's ReceiptHandle).
public struct ReceiptHandle: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    @inlinable public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
}

/// A message received from a job queue. Its body is a job's id, as in
/// media-nommer: the queue says *which* job, the store says what it is.
public struct QueueMessage: Sendable, Hashable {
    /// The queue's id of the message (stable across receipts).
    public let messageID: String
    /// The handle of this receipt.
    public let receiptHandle: ReceiptHandle
    /// The job the message is about.
    public let jobID: JobID
    /// How many times the message has been received, this receipt included.
    public let receiveCount: Int
    /// When the message was sent, in seconds.
    public let sentAt: Seconds

    public init(messageID: String, receiptHandle: ReceiptHandle, jobID: JobID, receiveCount: Int, sentAt: Seconds) {
        self.messageID = messageID
        self.receiptHandle = receiptHandle
        self.jobID = jobID
        self.receiveCount = receiveCount
        self.sentAt = sentAt
    }
}

/// A queue's approximate counts, as SQS reports them.
public struct QueueCounts: Sendable, Equatable {
    /// Messages available to receive (ApproximateNumberOfMessages).
    public var visible: Int
    /// Messages received and not yet deleted or returned (ApproximateNumberOfMessagesNotVisible).
    public var inFlight: Int

    public init(visible: Int, inFlight: Int) {
        self.visible = visible
        self.inFlight = inFlight
    }
}

/// The most messages one receive returns (SQS's limit).
public let maximumReceiveBatch = 10
