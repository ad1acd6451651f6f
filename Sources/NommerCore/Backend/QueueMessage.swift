/// An opaque handle that names one receipt of a queue message; deleting or
/// changing the visibility of a message takes the handle of its latest receipt
/// (SQS's ReceiptHandle).
///
/// A handle is either a backend's text or, for a queue that numbers its
/// receipts (the simulator's), a number whose text `r<n>` is made only when
/// asked for: a simulated receive then builds no string (making and parsing
/// receipt text was 8% of a simulated job, see docs/performance.md).
public struct ReceiptHandle: Hashable, Sendable, CustomStringConvertible {
    @usableFromInline let text: String?
    @usableFromInline let numberValue: UInt64

    /// A handle with this text.
    @inlinable public init(_ rawValue: String) {
        text = rawValue
        numberValue = 0
    }

    /// A numbered handle; its text is `r<number>`.
    @inlinable public init(number: UInt64) {
        text = nil
        numberValue = number
    }

    /// The handle's text.
    public var rawValue: String { text ?? "r" + String(numberValue) }

    /// The number of a numbered handle; nil for one made from text.
    @inlinable public var number: UInt64? { text == nil ? numberValue : nil }

    public var description: String { rawValue }

    /// Two handles are equal when their text is.
    @inlinable public static func == (lhs: ReceiptHandle, rhs: ReceiptHandle) -> Bool {
        if lhs.text == nil && rhs.text == nil { return lhs.numberValue == rhs.numberValue }
        return lhs.rawValue == rhs.rawValue
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }
}

/// A message received from a job queue. Its body is a job's id, as in
/// media-nommer: the queue says *which* job, the store says what it is.
public struct QueueMessage: Sendable, Hashable {
    /// The queue's id of the message (stable across receipts).
    public var messageID: String { messageIDText ?? String(messageNumber) }
    private let messageIDText: String?
    private let messageNumber: UInt64
    /// The handle of this receipt.
    public let receiptHandle: ReceiptHandle
    /// The job the message is about.
    public let jobID: JobID
    /// How many times the message has been received, this receipt included.
    public let receiveCount: Int
    /// When the message was sent, in seconds.
    public let sentAt: Seconds

    public init(messageID: String, receiptHandle: ReceiptHandle, jobID: JobID, receiveCount: Int, sentAt: Seconds) {
        self.messageIDText = messageID
        self.messageNumber = 0
        self.receiptHandle = receiptHandle
        self.jobID = jobID
        self.receiveCount = receiveCount
        self.sentAt = sentAt
    }

    /// A message of a queue that numbers its messages and receipts (the
    /// simulator's): the id's text (the number in decimal) and the receipt's
    /// are made only when asked for.
    public init(messageNumber: UInt64, receiptNumber: UInt64, jobID: JobID, receiveCount: Int, sentAt: Seconds) {
        self.messageIDText = nil
        self.messageNumber = messageNumber
        self.receiptHandle = ReceiptHandle(number: receiptNumber)
        self.jobID = jobID
        self.receiveCount = receiveCount
        self.sentAt = sentAt
    }

    /// Two messages are equal when every field is (ids by their text).
    public static func == (lhs: QueueMessage, rhs: QueueMessage) -> Bool {
        lhs.hasSameID(as: rhs) && lhs.receiptHandle == rhs.receiptHandle && lhs.jobID == rhs.jobID
            && lhs.receiveCount == rhs.receiveCount && lhs.sentAt == rhs.sentAt
    }

    private func hasSameID(as other: QueueMessage) -> Bool {
        if messageIDText == nil && other.messageIDText == nil { return messageNumber == other.messageNumber }
        return messageID == other.messageID
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(messageID)
        hasher.combine(receiptHandle)
        hasher.combine(jobID)
        hasher.combine(receiveCount)
        hasher.combine(sentAt)
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
