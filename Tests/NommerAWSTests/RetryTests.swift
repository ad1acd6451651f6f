import Foundation
import NIOConcurrencyHelpers
import NommerCore
import XCTest
@testable import NommerAWS

/// The retry loop against a real loopback HTTP server that fails on purpose.
final class RetryTests: XCTestCase {
    func client(_ server: LoopbackHTTPServer, maxAttempts: Int = 3, sleeps: SleepRecorder,
                seed: UInt64 = 7, timeoutSeconds: Int64 = 30, quota: RetryQuota = RetryQuota()) throws -> SQSClient {
        let uniform = SeededUniform(seed: seed)
        let policy = RetryPolicy(maxAttempts: maxAttempts, random: { uniform.next() }, quota: quota)
        var service = try AWSServiceClient(
            service: "sqs", region: "us-east-1", endpoint: try XCTUnwrap(URL(string: server.baseURL)),
            credentials: StaticCredentials(testCredentials), retryPolicy: policy,
            clock: { AWSTimestamp(secondsSince1970: 1_440_938_160) }, sleep: { sleeps.record($0) })
        service.timeoutSeconds = timeoutSeconds
        return SQSClient(client: service)
    }

    /// Calls GetQueueUrl, which must fail with a service error of HTTP `status`; returns the error.
    @discardableResult
    func expectFailure(of sqs: SQSClient, status: Int, file: StaticString = #filePath, line: UInt = #line) async -> AWSError? {
        do {
            _ = try await sqs.queueURL(name: "jobs")
            XCTFail("expected a failure", file: file, line: line)
            return nil
        } catch {
            guard case let .service(serviceError) = error else {
                XCTFail("\(error)", file: file, line: line)
                return nil
            }
            XCTAssertEqual(serviceError.httpStatus, status, file: file, line: line)
            return error
        }
    }

    /// Answers with `failures` in turn, then success.
    func failingThenSucceeding(_ failures: [LoopbackHTTPServer.Response]) -> LoopbackHTTPServer.Responder {
        let calls = NIOLockedValueBox(0)
        return { _ in
            let index = calls.withLockedValue { value -> Int in value += 1; return value - 1 }
            if index < failures.count { return failures[index] }
            return .text(200, #"{"QueueUrl":"http://127.0.0.1/000000000000/jobs"}"#)
        }
    }

    func testRetries500And503AndThrottlingThenSucceeds() async throws {
        let throttled = LoopbackHTTPServer.Response.text(
            400, #"{"__type":"com.amazonaws.sqs#ThrottlingException","message":"Rate exceeded"}"#)
        let server = try await LoopbackHTTPServer.start(failingThenSucceeding([
            .text(500, "oops"), .text(503, ""), throttled,
        ]))
        let sleeps = SleepRecorder()
        let sqs = try client(server, maxAttempts: 4, sleeps: sleeps)
        let url = try await sqs.queueURL(name: "jobs")
        try await server.stop()
        XCTAssertEqual(url, "http://127.0.0.1/000000000000/jobs")
        XCTAssertEqual(server.requests.count, 4, "three failures, then the success")
        XCTAssertEqual(sleeps.delays.count, 3)
        // Full jitter under a doubling cap: retry n waits in [0, 2^(n-1)) seconds.
        let expected = SeededUniform(seed: 7)
        for (index, delay) in sleeps.delays.enumerated() {
            XCTAssertEqual(delay, expected.next() * Double(1 << index), accuracy: 1e-12)
        }
        for request in server.requests {
            XCTAssertEqual(request.method, "POST")
            XCTAssertEqual(request.header("X-Amz-Target"), "AmazonSQS.GetQueueUrl")
            XCTAssertEqual(request.header("Content-Type"), "application/x-amz-json-1.0")
            XCTAssertEqual(request.header("Host"), "127.0.0.1:\(server.port)")
            XCTAssertTrue(request.header("Authorization")?.hasPrefix(
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/sqs/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=") == true)
        }
    }

    func testGivesUpAfterMaxAttemptsWithATransientError() async throws {
        let server = try await LoopbackHTTPServer.start(failingThenSucceeding(Array(repeating: .text(503, "busy"), count: 10)))
        let sleeps = SleepRecorder()
        let sqs = try client(server, sleeps: sleeps)
        let error = await expectFailure(of: sqs, status: 503)
        XCTAssertEqual(error?.backendError.isTransient, true)
        try await server.stop()
        XCTAssertEqual(server.requests.count, 3, "botocore's default: 3 attempts in all")
        XCTAssertEqual(sleeps.delays.count, 2)
    }

    func testRetryQuotaStopsRetriesWhileTheServiceKeepsFailingAndSuccessesRefillIt() async throws {
        // 12 units: the first call's two retries take 5 each; the second call
        // finds 2 left and is not retried at all.
        let server = try await LoopbackHTTPServer.start(failingThenSucceeding(Array(repeating: .text(503, "busy"), count: 4)))
        let quota = RetryQuota(capacity: 12)
        let sleeps = SleepRecorder()
        let sqs = try client(server, sleeps: sleeps, quota: quota)
        for _ in 0..<2 { await expectFailure(of: sqs, status: 503) }
        XCTAssertEqual(server.requests.count, 4, "3 attempts, then 1: the quota is spent")
        XCTAssertEqual(sleeps.delays.count, 2)
        XCTAssertEqual(quota.availableCapacity, 2)
        // Successes without retries give back one unit each, up to the capacity.
        for _ in 0..<3 { _ = try await sqs.queueURL(name: "jobs") }
        XCTAssertEqual(quota.availableCapacity, 5)
        try await server.stop()
        XCTAssertEqual(server.requests.count, 7)
    }

    func testASuccessAfterARetryGivesTheRetrysCostBack() async throws {
        let server = try await LoopbackHTTPServer.start(failingThenSucceeding([.text(500, "oops")]))
        let quota = RetryQuota()
        let sqs = try client(server, sleeps: SleepRecorder(), quota: quota)
        _ = try await sqs.queueURL(name: "jobs")
        try await server.stop()
        XCTAssertEqual(server.requests.count, 2)
        XCTAssertEqual(quota.availableCapacity, RetryQuota.initialCapacity, "5 taken for the retry, 5 given back")
        XCTAssertEqual(RetryQuota.cost(of: .transport("connection reset")), 10)
        XCTAssertEqual(RetryQuota.cost(of: .service(AWSServiceError(service: "sqs", code: "ThrottlingException", message: "", httpStatus: 400))), 5)
    }

    func testValidationErrorIsNotRetried() async throws {
        let server = try await LoopbackHTTPServer.start(failingThenSucceeding([
            .text(400, #"{"__type":"com.amazon.coral.validate#ValidationException","message":"1 validation error"}"#),
        ]))
        let sleeps = SleepRecorder()
        let sqs = try client(server, sleeps: sleeps)
        do {
            _ = try await sqs.queueURL(name: "jobs")
            XCTFail("expected a failure")
        } catch {
            XCTAssertEqual(error.backendError, .service(code: "ValidationException",
                                                       message: "sqs: ValidationException: 1 validation error (HTTP 400)"))
        }
        try await server.stop()
        XCTAssertEqual(server.requests.count, 1)
        XCTAssertEqual(sleeps.delays, [])
    }

    func testRetryAfterLengthensTheWaitUpToFiveSecondsMore() async throws {
        let server = try await LoopbackHTTPServer.start(failingThenSucceeding([
            .text(429, "", headers: [("Retry-After", "3")]),
            .text(503, "", headers: [("Retry-After", "60")]),
        ]))
        let sleeps = SleepRecorder()
        let sqs = try client(server, sleeps: sleeps, seed: 11)
        _ = try await sqs.queueURL(name: "jobs")
        try await server.stop()
        XCTAssertEqual(server.requests.count, 3)
        let jitter = SeededUniform(seed: 11)
        let first = jitter.next() * 1
        let second = jitter.next() * 2
        XCTAssertEqual(sleeps.delays[0], max(first, min(3, first + 5)), accuracy: 1e-12)
        XCTAssertEqual(sleeps.delays[0], 3, accuracy: 1e-12)
        XCTAssertEqual(sleeps.delays[1], second + 5, accuracy: 1e-12, "Retry-After 60 is capped at jitter + 5 s")
    }

    func testLostConnectionIsRetried() async throws {
        // Nothing listens on the port of a stopped server.
        let server = try await LoopbackHTTPServer.start { _ in .text(200, "{}") }
        try await server.stop()
        let sleeps = SleepRecorder()
        // async-http-client retries a refused connect until the attempt's deadline: keep it short.
        let sqs = try client(server, sleeps: sleeps, timeoutSeconds: 1)
        do {
            _ = try await sqs.queueURL(name: "jobs")
            XCTFail("expected a failure")
        } catch {
            guard case .transport = error else { return XCTFail("\(error)") }
            XCTAssertTrue(error.backendError.isTransient)
        }
        XCTAssertEqual(sleeps.delays.count, 2)
    }

    func testBackoffIsCappedAndJittered() {
        let policy = RetryPolicy(maxAttempts: 10, random: { 0.999 })
        XCTAssertEqual(policy.delaySeconds(beforeRetry: 1), 0.999, accuracy: 1e-12)
        XCTAssertEqual(policy.delaySeconds(beforeRetry: 4), 0.999 * 8, accuracy: 1e-12)
        XCTAssertEqual(policy.delaySeconds(beforeRetry: 9), 0.999 * 20, accuracy: 1e-12, "capped at 20 s")
        XCTAssertEqual(policy.delaySeconds(beforeRetry: 200), 0.999 * 20, accuracy: 1e-12)
        let zero = RetryPolicy(random: { 0 })
        XCTAssertEqual(zero.delaySeconds(beforeRetry: 3), 0)
        XCTAssertEqual(RetryPolicy.retryAfterSeconds([("x-amz-retry-after", "1500")]), 1.5)
        XCTAssertEqual(RetryPolicy.retryAfterSeconds([("Retry-After", "2")]), 2)
        XCTAssertNil(RetryPolicy.retryAfterSeconds([("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT")]))
    }
}
