import NommerCore
import NommerLive
import NommerNommers
import XCTest

final class SleepNommerTests: XCTestCase {
    private func job(_ options: String) -> EncodingJob {
        EncodingJob(id: JobID("j1"), sourceURI: "file:///dev/null", destinationURI: "file:///tmp/x",
                    nommer: "sleep", jobOptionsJSON: options, createdAt: 0)
    }

    func testValidOptionsAreAccepted() throws {
        let nommer = SleepNommer()
        XCTAssertEqual(try nommer.seconds(in: #"{"seconds": 1.5}"#), 1.5)
        XCTAssertEqual(try nommer.seconds(in: "{}"), 0)
        XCTAssertEqual(try nommer.seconds(in: #"{"seconds": 3600}"#), 3600)
    }

    func testBadOptionsNameTheField() {
        let nommer = SleepNommer()
        let cases: [(String, String)] = [
            (#"{"seconds": "5"}"#, "options.seconds"),
            (#"{"seconds": true}"#, "options.seconds"),
            (#"{"seconds": -1}"#, "options.seconds"),
            (#"{"seconds": 3601}"#, "options.seconds"),
            (#"{"seconds": 1, "extra": 2}"#, "options.extra"),
            (#"[1]"#, "options"),
            (#"{"#, "options"),
        ]
        for (options, field) in cases {
            XCTAssertThrowsError(try nommer.validate(optionsJSON: options), options) { error in
                XCTAssertEqual((error as? JobRequestError)?.field, field, options)
            }
        }
    }

    func testEncodeWaitsAndReportsProgress() async {
        let counter = ProgressCounter()
        let nommer = SleepNommer(progressIntervalSeconds: 0.02)
        let outcome = await nommer.run(.encode, of: job(#"{"seconds": 0.1}"#), workspace: "/tmp") { counter.tick() }
        XCTAssertEqual(outcome, .completed)
        XCTAssertGreaterThanOrEqual(counter.count, 2)
        let download = await nommer.run(.download, of: job(#"{"seconds": 100}"#), workspace: "/tmp") {}
        XCTAssertEqual(download, .completed)
    }

    func testCancellationEndsTheWaitPromptly() async {
        let nommer = SleepNommer(progressIntervalSeconds: 0.05)
        let started = ProgressCounter()
        let long = job(#"{"seconds": 3600}"#)
        let task = Task { await nommer.run(.encode, of: long, workspace: "/tmp") { started.tick() } }
        let deadline = ContinuousClock.now.advanced(by: .seconds(10))
        while started.count == 0, ContinuousClock.now < deadline { await Task.yield() }
        task.cancel()
        let outcome = await task.value
        XCTAssertEqual(outcome, .failed(details: "cancelled"))
    }
}

/// Counts progress calls from any thread.
final class ProgressCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func tick() { lock.lock(); value += 1; lock.unlock() }
    var count: Int { lock.lock(); defer { lock.unlock() }; return value }
}
