import Foundation
import Hummingbird
import NommerCore
import NommerNommers
import NommerTestSupport
import XCTest

/// The notifier against a real HTTP server on 127.0.0.1.
final class HTTPNotifierTests: XCTestCase {
    /// Records callbacks; answers 500 to the first `failFirst` requests.
    final class Recorder: @unchecked Sendable {
        private let lock = NSLock()
        private var bodies: [(contentType: String, body: String)] = []
        private var remainingFailures: Int
        init(failFirst: Int) { remainingFailures = failFirst }

        func record(_ contentType: String, _ body: String) -> HTTPResponse.Status {
            lock.lock(); defer { lock.unlock() }
            if remainingFailures > 0 {
                remainingFailures -= 1
                return .internalServerError
            }
            bodies.append((contentType, body))
            return .ok
        }

        var received: [(contentType: String, body: String)] { lock.lock(); defer { lock.unlock() }; return bodies }
    }

    private func router(_ recorder: Recorder) -> Router<BasicRequestContext> {
        let router = Router()
        router.post("/hook") { request, _ in
            var request = request
            let buffer = try await request.collectBody(upTo: 1 << 20)
            let status = recorder.record(request.headers[.contentType] ?? "", String(buffer: buffer))
            return Response(status: status)
        }
        return router
    }

    private func notifier(retry: RetryPolicy = RetryPolicy(maximumAttempts: 4, initialBackoffSeconds: 0.01,
                                                            maximumBackoffSeconds: 0.05),
                          timeoutSeconds: Double = 5) -> HTTPNotifier {
        HTTPNotifier(http: GuardedHTTP(addressGuard: AddressGuard(allowed: [CIDR("127.0.0.0/8")].compactMap { $0 }),
                                       retriesConnecting: false),
                     retry: retry, timeoutSeconds: timeoutSeconds)
    }

    private func job(_ id: String, url: String, style: NotifyStyle) -> EncodingJob {
        EncodingJob(id: JobID(id), sourceURI: "file:///m/a.mp4", destinationURI: "file:///m/b.mp4", nommer: "sleep",
                    notifyURL: url, notifyStyle: style, createdAt: 100)
    }

    func testJSONCallbacksOnFinishedStatesOnlyOncePerJob() async throws {
        let recorder = Recorder(failFirst: 0)
        try await withTestServer(router(recorder)) { port in
            let notifier = notifier()
            let url = "http://127.0.0.1:\(port)/hook"
            for index in 0..<5 {
                var job = job("j\(index)", url: url, style: .json)
                notifier.jobChanged(job)
                try job.transition(to: .downloading, at: 101)
                notifier.jobChanged(job)
                try job.transition(to: .encoding, at: 102)
                try job.transition(to: .uploading, at: 103)
                try job.transition(to: .finished, at: 104)
                notifier.jobChanged(job)
                notifier.jobChanged(job)  // seen again (a redelivered state-change message): not sent twice
            }
            await notifier.waitUntilIdle()
            XCTAssertEqual(recorder.received.count, 5)
            XCTAssertTrue(recorder.received.allSatisfy { $0.contentType == "application/json" })
            let first = try JSONDecoder().decode(JobJSON.self, from: Data(recorder.received[0].body.utf8))
            XCTAssertEqual(first.state, "FINISHED")
            XCTAssertEqual(first.lastModifiedAt, 104)
            XCTAssertEqual(notifier.deliveryCounts.delivered, 5)
            XCTAssertEqual(notifier.deliveryCounts.repeats, 5)
        }
    }

    func testRetriesAfterA500() async throws {
        let recorder = Recorder(failFirst: 2)
        try await withTestServer(router(recorder)) { port in
            let notifier = notifier()
            var job = job("retry", url: "http://127.0.0.1:\(port)/hook", style: .json)
            try job.transition(to: .error, details: "boom", at: 101)
            notifier.jobChanged(job)
            await notifier.waitUntilIdle()
            XCTAssertEqual(recorder.received.count, 1)
            XCTAssertEqual(notifier.deliveryCounts, HTTPNotifier.Counts(delivered: 1, failedAttempts: 2))
        }
    }

    func testGivesUpAfterTheLastAttempt() async throws {
        let recorder = Recorder(failFirst: 100)
        try await withTestServer(router(recorder)) { port in
            let notifier = notifier(retry: RetryPolicy(maximumAttempts: 3, initialBackoffSeconds: 0.01, maximumBackoffSeconds: 0.02))
            var job = job("never", url: "http://127.0.0.1:\(port)/hook", style: .json)
            try job.transition(to: .error, at: 101)
            notifier.jobChanged(job)
            await notifier.waitUntilIdle()
            XCTAssertEqual(notifier.deliveryCounts, HTTPNotifier.Counts(failedAttempts: 3, gaveUp: 1))
        }
        XCTAssertEqual(RetryPolicy(initialBackoffSeconds: 1, maximumBackoffSeconds: 60).backoffSeconds(afterAttempt: 3), 4)
        XCTAssertEqual(RetryPolicy(initialBackoffSeconds: 1, maximumBackoffSeconds: 60).backoffSeconds(afterAttempt: 30), 60)
    }

    /// Nothing listens on port 1: each attempt fails when the connection is
    /// refused. With async-http-client's default each attempt would re-try
    /// connecting until its 10 s connect timeout, so the three attempts
    /// would take 30 s, past the poll's deadline.
    func testARefusedConnectionFailsItsAttemptAtOnce() async throws {
        let notifier = notifier(retry: RetryPolicy(maximumAttempts: 3, initialBackoffSeconds: 0.01, maximumBackoffSeconds: 0.01),
                                timeoutSeconds: 120)
        var job = job("nobody", url: "http://127.0.0.1:1/hook", style: .json)
        try job.transition(to: .error, at: 101)
        notifier.jobChanged(job)
        let deadline = ContinuousClock.now + .seconds(20)
        while notifier.deliveryCounts.gaveUp == 0 && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        XCTAssertEqual(notifier.deliveryCounts, HTTPNotifier.Counts(failedAttempts: 3, gaveUp: 1))
        notifier.cancelAll()
        await notifier.waitUntilIdle()
    }

    func testLegacyFormCallbacksOnEveryChange() async throws {
        let recorder = Recorder(failFirst: 0)
        try await withTestServer(router(recorder)) { port in
            let notifier = notifier()
            var job = job("legacy-1", url: "http://127.0.0.1:\(port)/hook", style: .legacy)
            try job.transition(to: .downloading, at: 101)
            notifier.jobChanged(job)
            await notifier.waitUntilIdle()
            try job.transition(to: .error, details: "ffmpeg said: no & such=file", at: 102)
            notifier.jobChanged(job)
            await notifier.waitUntilIdle()
            XCTAssertEqual(recorder.received.map(\.body), [
                "unique_id=legacy-1&job_state=DOWNLOADING&job_state_details=",
                "unique_id=legacy-1&job_state=ERROR&job_state_details=ffmpeg+said%3A+no+%26+such%3Dfile",
            ])
            XCTAssertEqual(recorder.received.first?.contentType, "application/x-www-form-urlencoded")
        }
    }

    func testMetadataAndUnlistedLoopbackURLsAreRefusedWithoutCalling() async throws {
        let notifier = HTTPNotifier(http: GuardedHTTP(addressGuard: AddressGuard()))
        var job = job("meta", url: "http://169.254.169.254/latest/meta-data/", style: .json)
        try job.transition(to: .error, at: 101)
        notifier.jobChanged(job)
        var local = self.job("local", url: "http://127.0.0.1:1/hook", style: .json)
        try local.transition(to: .error, at: 101)
        notifier.jobChanged(local)
        await notifier.waitUntilIdle()
        XCTAssertEqual(notifier.deliveryCounts, HTTPNotifier.Counts(refused: 2))
    }
}
