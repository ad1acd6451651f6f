import NommerCore

/// An SQS queue as the core's ``JobQueue`` port: a message's body is a job's id.
public struct SQSJobQueue: JobQueue {
    public let sqs: SQSClient
    public let queueURL: String
    /// The queue's MaximumMessageSize, in bytes; bodies over it are refused before sending.
    public let maximumMessageBytes: Int

    public init(sqs: SQSClient, queueURL: String, maximumMessageBytes: Int = SQSClient.defaultMaximumMessageBytes) {
        self.sqs = sqs
        self.queueURL = queueURL
        self.maximumMessageBytes = maximumMessageBytes
    }

    /// Looks the queue up by name (creating it when `create`), and reads its
    /// MaximumMessageSize. A missing queue is one clear error, at start-up.
    public static func open(sqs: SQSClient, name: String, create: Bool = false,
                            attributes: [String: String] = [:]) async throws(AWSError) -> SQSJobQueue {
        let url = create ? try await sqs.createQueue(name: name, attributes: attributes)
                         : try await sqs.queueURL(name: name)
        let limits = try await sqs.queueAttributes(queueURL: url, names: ["MaximumMessageSize"])
        let maximum = limits["MaximumMessageSize"].flatMap { Int($0) } ?? SQSClient.defaultMaximumMessageBytes
        return SQSJobQueue(sqs: sqs, queueURL: url, maximumMessageBytes: maximum)
    }

    /// SQS keeps a long poll going after its client cancels it (see the port).
    public var cancelledReceiveMayTakeMessages: Bool { true }

    public func send(_ job: JobID) async throws(BackendError) {
        do { _ = try await sqs.sendMessage(queueURL: queueURL, body: job.rawValue, maximumBytes: maximumMessageBytes) }
        catch { throw error.backendError }
    }

    public func receive(max: Int, visibilityTimeoutSeconds: Seconds, waitSeconds: Seconds) async throws(BackendError) -> [QueueMessage] {
        guard max <= SQSClient.maximumReceiveMessages else {
            throw .batchTooLarge(requested: max, limit: SQSClient.maximumReceiveMessages)
        }
        do {
            let messages = try await sqs.receiveMessages(
                queueURL: queueURL, maxMessages: Swift.max(1, max),
                visibilityTimeoutSeconds: Int(visibilityTimeoutSeconds.rounded(.up)),
                waitSeconds: Swift.min(SQSClient.maximumWaitSeconds, Int(waitSeconds.rounded(.down))))
            return messages.map {
                QueueMessage(messageID: $0.messageID, receiptHandle: ReceiptHandle($0.receiptHandle),
                             jobID: JobID($0.body), receiveCount: $0.receiveCount, sentAt: $0.sentAtSeconds)
            }
        } catch {
            // A cancelled (long) poll returns empty, as the port's other queues do; anything SQS
            // delivered to the abandoned request comes back after its visibility timeout
            // (so the worker does not cancel polls: `cancelledReceiveMayTakeMessages`).
            if Task.isCancelled { return [] }
            throw error.backendError
        }
    }

    public func delete(_ receipt: ReceiptHandle) async throws(BackendError) {
        do { try await sqs.deleteMessage(queueURL: queueURL, receiptHandle: receipt.rawValue) }
        catch { throw Self.receiptError(error, receipt) }
    }

    public func changeVisibility(_ receipt: ReceiptHandle, timeoutSeconds: Seconds) async throws(BackendError) {
        do {
            try await sqs.changeMessageVisibility(queueURL: queueURL, receiptHandle: receipt.rawValue,
                                                  timeoutSeconds: Int(timeoutSeconds.rounded(.up)))
        } catch { throw Self.receiptError(error, receipt) }
    }

    public func counts() async throws(BackendError) -> QueueCounts {
        do {
            let attributes = try await sqs.queueAttributes(
                queueURL: queueURL, names: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"])
            return QueueCounts(visible: attributes["ApproximateNumberOfMessages"].flatMap { Int($0) } ?? 0,
                               inFlight: attributes["ApproximateNumberOfMessagesNotVisible"].flatMap { Int($0) } ?? 0)
        } catch { throw error.backendError }
    }

    /// SQS's codes for a stale or malformed receipt handle become the core's
    /// ``BackendError/invalidReceiptHandle(_:)``.
    static func receiptError(_ error: AWSError, _ receipt: ReceiptHandle) -> BackendError {
        if case let .service(serviceError) = error {
            let code = serviceError.code
            if ["ReceiptHandleIsInvalid", "MessageNotInflight", "AWS.SimpleQueueService.ReceiptHandleIsInvalid"].contains(code)
                || (code == "InvalidParameterValue" && serviceError.message.lowercased().contains("receipt")) {
                return .invalidReceiptHandle(receipt)
            }
        }
        return error.backendError
    }
}
