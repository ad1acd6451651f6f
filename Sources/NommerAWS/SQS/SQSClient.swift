/// A message as SQS returns it from ReceiveMessage.
public struct SQSMessage: Sendable, Equatable {
    public var messageID: String
    public var receiptHandle: String
    public var body: String
    /// ApproximateReceiveCount (1 on the first receipt).
    public var receiveCount: Int
    /// SentTimestamp, in seconds since 1970.
    public var sentAtSeconds: Double
}

/// Amazon SQS over the AWS JSON 1.0 protocol (`X-Amz-Target: AmazonSQS.*`).
/// Limits are checked before sending: at most 10 messages per receive,
/// long polling at most 20 s, visibility timeout 0...43200 s.
public struct SQSClient: Sendable {
    public let client: AWSServiceClient

    /// The most messages one ReceiveMessage returns.
    public static let maximumReceiveMessages = 10
    /// The longest long poll, in seconds.
    public static let maximumWaitSeconds = 20
    /// The longest visibility timeout, in seconds (12 hours).
    public static let maximumVisibilityTimeoutSeconds = 43_200
    /// The message size assumed when a queue does not report its
    /// MaximumMessageSize, in bytes (256 KiB, the long-standing default; SQS
    /// allows up to 1 MiB since 2025, and queues report their own limit).
    public static let defaultMaximumMessageBytes = 262_144

    public init(client: AWSServiceClient) { self.client = client }

    private func call<I: Encodable, O: Decodable>(_ action: String, _ input: I, _ output: O.Type) async throws(AWSError) -> O {
        try await client.json(target: "AmazonSQS.\(action)", input, as: output)
    }

    /// Creates the queue (or returns the URL of an existing one with the same
    /// attributes); `attributes` such as `VisibilityTimeout`, `MaximumMessageSize`.
    public func createQueue(name: String, attributes: [String: String] = [:]) async throws(AWSError) -> String {
        try await call("CreateQueue", SQSShapes.CreateQueue(QueueName: name, Attributes: attributes.isEmpty ? nil : attributes),
                       SQSShapes.QueueUrlResult.self).QueueUrl
    }

    public func queueURL(name: String) async throws(AWSError) -> String {
        try await call("GetQueueUrl", SQSShapes.GetQueueUrl(QueueName: name), SQSShapes.QueueUrlResult.self).QueueUrl
    }

    /// Sends `body` after checking it against `maximumBytes` (the queue's
    /// MaximumMessageSize) and SQS's allowed characters; returns the message id.
    public func sendMessage(queueURL: String, body: String, maximumBytes: Int = SQSClient.defaultMaximumMessageBytes,
                            delaySeconds: Int? = nil) async throws(AWSError) -> String {
        let bytes = body.utf8.count
        guard bytes > 0 else { throw .invalidRequest("SendMessage: empty message body") }
        guard bytes <= maximumBytes else {
            throw .invalidRequest("SendMessage: body is \(bytes) bytes, over the queue's limit of \(maximumBytes)")
        }
        if let bad = body.unicodeScalars.first(where: { !Self.isAllowed($0) }) {
            throw .invalidRequest("SendMessage: body contains U+\(String(bad.value, radix: 16, uppercase: true)), which SQS refuses")
        }
        return try await call("SendMessage", SQSShapes.SendMessage(QueueUrl: queueURL, MessageBody: body, DelaySeconds: delaySeconds),
                              SQSShapes.SendMessageResult.self).MessageId
    }

    /// `#x9 | #xA | #xD | #x20-#xD7FF | #xE000-#xFFFD | #x10000-#x10FFFF`.
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    /// Receives up to `maxMessages` (1...10); hides them for
    /// `visibilityTimeoutSeconds` (nil: the queue's default); long-polls up to
    /// `waitSeconds` (0...20).
    public func receiveMessages(queueURL: String, maxMessages: Int, visibilityTimeoutSeconds: Int?,
                                waitSeconds: Int) async throws(AWSError) -> [SQSMessage] {
        guard (1...Self.maximumReceiveMessages).contains(maxMessages) else {
            throw .invalidRequest("ReceiveMessage: MaxNumberOfMessages \(maxMessages) is outside 1...\(Self.maximumReceiveMessages)")
        }
        guard (0...Self.maximumWaitSeconds).contains(waitSeconds) else {
            throw .invalidRequest("ReceiveMessage: WaitTimeSeconds \(waitSeconds) is outside 0...\(Self.maximumWaitSeconds)")
        }
        if let visibility = visibilityTimeoutSeconds, !(0...Self.maximumVisibilityTimeoutSeconds).contains(visibility) {
            throw .invalidRequest("ReceiveMessage: VisibilityTimeout \(visibility) is outside 0...\(Self.maximumVisibilityTimeoutSeconds)")
        }
        let names = ["ApproximateReceiveCount", "SentTimestamp"]
        var client = self.client
        client.timeoutSeconds = max(client.timeoutSeconds, Int64(waitSeconds) + 10)
        let result = try await client.json(
            target: "AmazonSQS.ReceiveMessage",
            SQSShapes.ReceiveMessage(QueueUrl: queueURL, MaxNumberOfMessages: maxMessages,
                                     VisibilityTimeout: visibilityTimeoutSeconds, WaitTimeSeconds: waitSeconds,
                                     AttributeNames: names, MessageSystemAttributeNames: names),
            as: SQSShapes.ReceiveMessageResult.self)
        return (result.Messages ?? []).map { message in
            let attributes = message.Attributes ?? [:]
            return SQSMessage(messageID: message.MessageId, receiptHandle: message.ReceiptHandle, body: message.Body,
                              receiveCount: attributes["ApproximateReceiveCount"].flatMap { Int($0) } ?? 1,
                              sentAtSeconds: (attributes["SentTimestamp"].flatMap { Double($0) } ?? 0) / 1000)
        }
    }

    public func deleteMessage(queueURL: String, receiptHandle: String) async throws(AWSError) {
        _ = try await call("DeleteMessage", SQSShapes.DeleteMessage(QueueUrl: queueURL, ReceiptHandle: receiptHandle),
                           SQSShapes.Empty.self)
    }

    public func changeMessageVisibility(queueURL: String, receiptHandle: String, timeoutSeconds: Int) async throws(AWSError) {
        guard (0...Self.maximumVisibilityTimeoutSeconds).contains(timeoutSeconds) else {
            throw .invalidRequest("ChangeMessageVisibility: VisibilityTimeout \(timeoutSeconds) is outside 0...\(Self.maximumVisibilityTimeoutSeconds)")
        }
        _ = try await call("ChangeMessageVisibility",
                           SQSShapes.ChangeMessageVisibility(QueueUrl: queueURL, ReceiptHandle: receiptHandle,
                                                             VisibilityTimeout: timeoutSeconds),
                           SQSShapes.Empty.self)
    }

    /// The named attributes (`ApproximateNumberOfMessages`, `MaximumMessageSize`, ...).
    public func queueAttributes(queueURL: String, names: [String]) async throws(AWSError) -> [String: String] {
        try await call("GetQueueAttributes", SQSShapes.GetQueueAttributes(QueueUrl: queueURL, AttributeNames: names),
                       SQSShapes.GetQueueAttributesResult.self).Attributes ?? [:]
    }
}
