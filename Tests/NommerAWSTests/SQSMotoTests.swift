import Foundation
import NommerCore
import XCTest
@testable import NommerAWS

/// The SQS client and the JobQueue port against moto's server.
final class SQSMotoTests: XCTestCase {
    func makeSQS() throws -> SQSClient {
        let moto = try MotoServer.start()
        let service = try AWSServiceClient(
            service: "sqs", region: "us-east-1", endpoint: moto.endpoint,
            credentials: StaticCredentials(AWSCredentials(accessKeyID: "testing", secretAccessKey: "testing")),
            retryPolicy: RetryPolicy(maxAttempts: 2, baseSeconds: 0.05))
        return SQSClient(client: service)
    }

    func uniqueName(_ prefix: String) -> String { "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())" }

    func testJobQueueSendReceiveDeleteAndCounts() async throws {
        let sqs = try makeSQS()
        let queue = try await SQSJobQueue.open(sqs: sqs, name: uniqueName("new-jobs"), create: true)
        // The queue's own MaximumMessageSize: 256 KiB on older endpoints, 1 MiB since SQS raised it in 2025.
        XCTAssertTrue([262_144, 1_048_576].contains(queue.maximumMessageBytes), "\(queue.maximumMessageBytes)")
        for id in ["job-1", "job-2", "job-3"] { try await queue.send(JobID(id)) }
        let before = try await queue.counts()
        XCTAssertEqual(before, QueueCounts(visible: 3, inFlight: 0))

        let received = try await queue.receive(max: 10, visibilityTimeoutSeconds: 30, waitSeconds: 0)
        XCTAssertEqual(Set(received.map(\.jobID.rawValue)), ["job-1", "job-2", "job-3"])
        XCTAssertTrue(received.allSatisfy { $0.receiveCount == 1 })
        XCTAssertTrue(received.allSatisfy { abs($0.sentAt - Date().timeIntervalSince1970) < 300 })
        let during = try await queue.counts()
        XCTAssertEqual(during, QueueCounts(visible: 0, inFlight: 3))

        try await queue.delete(received[0].receiptHandle)
        // Hand one back at once: it becomes visible again and its receive count grows.
        try await queue.changeVisibility(received[1].receiptHandle, timeoutSeconds: 0)
        let after = try await queue.counts()
        XCTAssertEqual(after, QueueCounts(visible: 1, inFlight: 1))
        let again = try await queue.receive(max: 10, visibilityTimeoutSeconds: 30, waitSeconds: 0)
        XCTAssertEqual(again.map(\.jobID), [received[1].jobID])
        XCTAssertEqual(again.first?.receiveCount, 2)
    }

    func testLimitsAreCheckedBeforeSending() async throws {
        let sqs = try makeSQS()
        let queue = try await SQSJobQueue.open(sqs: sqs, name: uniqueName("small"), create: true,
                                               attributes: ["MaximumMessageSize": "1024"])
        XCTAssertEqual(queue.maximumMessageBytes, 1024)
        do {
            try await queue.send(JobID(String(repeating: "x", count: 1025)))
            XCTFail("a body over the queue's limit must be refused")
        } catch {
            XCTAssertEqual(error, .service(code: "InvalidRequest",
                                           message: "SendMessage: body is 1025 bytes, over the queue's limit of 1024"))
        }
        do {
            _ = try await queue.receive(max: 11, visibilityTimeoutSeconds: 30, waitSeconds: 0)
            XCTFail("more than 10 per receive must be refused")
        } catch {
            XCTAssertEqual(error, .batchTooLarge(requested: 11, limit: 10))
        }
        do {
            _ = try await sqs.receiveMessages(queueURL: queue.queueURL, maxMessages: 1, visibilityTimeoutSeconds: nil, waitSeconds: 21)
            XCTFail("a long poll over 20 s must be refused")
        } catch {
            guard case .invalidRequest = error else { return XCTFail("\(error)") }
        }
        let counts = try await queue.counts()
        XCTAssertEqual(counts, QueueCounts(visible: 0, inFlight: 0), "nothing was sent")
    }

    func testMissingQueueIsOneClearServiceError() async throws {
        let sqs = try makeSQS()
        do {
            _ = try await SQSJobQueue.open(sqs: sqs, name: uniqueName("absent"))
            XCTFail("expected QueueDoesNotExist")
        } catch {
            guard case let .service(serviceError) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(serviceError.service, "sqs")
            XCTAssertTrue(serviceError.code.contains("QueueDoesNotExist") || serviceError.code.contains("NonExistentQueue"),
                          serviceError.code)
            XCTAssertEqual(serviceError.httpStatus, 400)
            XCTAssertFalse(error.backendError.isTransient)
        }
    }

    func testStaleReceiptHandleIsInvalidReceiptHandle() async throws {
        let sqs = try makeSQS()
        let queue = try await SQSJobQueue.open(sqs: sqs, name: uniqueName("stale"), create: true)
        let bogus = ReceiptHandle("not-a-receipt-handle")
        do {
            try await queue.changeVisibility(bogus, timeoutSeconds: 10)
            XCTFail("expected an invalid receipt handle")
        } catch {
            XCTAssertEqual(error, .invalidReceiptHandle(bogus))
        }
    }

    func testLongPollReturnsEarlyWhenAMessageArrives() async throws {
        let sqs = try makeSQS()
        let queue = try await SQSJobQueue.open(sqs: sqs, name: uniqueName("poll"), create: true)
        try await queue.send(JobID("job-9"))
        let got = try await queue.receive(max: 1, visibilityTimeoutSeconds: 5, waitSeconds: 20)
        XCTAssertEqual(got.map(\.jobID), [JobID("job-9")])
    }
}

extension SQSMotoTests {
    /// Why the worker does not cancel an SQS long poll (`cancelledReceiveMayTakeMessages`).
    func testACancelledLongPollStillTakesAMessageSentAfterwards() async throws {
        let sqs = try makeSQS()
        let queue = try await SQSJobQueue.open(sqs: sqs, name: "poll-\(UUID().uuidString.prefix(8).lowercased())", create: true)
        XCTAssertTrue(queue.cancelledReceiveMayTakeMessages)
        let poll = Task { try await queue.receive(max: 1, visibilityTimeoutSeconds: 600, waitSeconds: 3) }
        try await Task.sleep(for: .milliseconds(500)) // the poll is on the server
        poll.cancel()
        let returned = try await poll.value
        XCTAssertEqual(returned.count, 0)
        try await queue.send(JobID("after-cancel"))
        // The server's poll, whose client is gone, takes the message and hides it.
        let deadline = Date().addingTimeInterval(10)
        var counts = try await queue.counts()
        while counts.inFlight == 0 && Date() < deadline {
            try await Task.sleep(for: .milliseconds(100))
            counts = try await queue.counts()
        }
        XCTAssertEqual(counts, QueueCounts(visible: 0, inFlight: 1))
    }
}
