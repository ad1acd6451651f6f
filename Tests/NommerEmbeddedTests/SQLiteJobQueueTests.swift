import Foundation
import NommerCore
import NommerEmbedded
import NommerLive
import Testing

@Suite("Embedded queues: SQS semantics on SQLite")
struct SQLiteJobQueueTests {
    @Test func receiveHidesMessagesOldestFirstWithFreshReceipts() async throws {
        let (backend, clock) = try makeBackend()
        let queue = backend.newJobQueue
        for name in ["a", "b", "c"] {
            try await queue.send(JobID(name))
            clock.advance(by: 1)
        }
        let first = try await queue.receive(max: 2, visibilityTimeoutSeconds: 30, waitSeconds: 0)
        #expect(first.map(\.jobID.rawValue) == ["a", "b"])
        #expect(first.map(\.receiveCount) == [1, 1])
        #expect(Set(first.map(\.receiptHandle)).count == 2)
        #expect(try await queue.counts() == QueueCounts(visible: 1, inFlight: 2))
        // Hidden: only c is left to receive.
        let second = try await queue.receive(max: 10, visibilityTimeoutSeconds: 30, waitSeconds: 0)
        #expect(second.map(\.jobID.rawValue) == ["c"])
        #expect(try await queue.receive(max: 10, visibilityTimeoutSeconds: 30, waitSeconds: 0).isEmpty)
    }

    @Test func anUndeletedMessageComesBackWithANewReceiptAndTheOldOneGoesStale() async throws {
        let (backend, clock) = try makeBackend()
        let queue = backend.newJobQueue
        try await queue.send(JobID("a"))
        let first = try #require(try await queue.receive(max: 1, visibilityTimeoutSeconds: 30, waitSeconds: 0).first)
        clock.advance(by: 29)
        #expect(try await queue.receive(max: 1, visibilityTimeoutSeconds: 30, waitSeconds: 0).isEmpty)
        clock.advance(by: 1.5)
        #expect(try await queue.counts() == QueueCounts(visible: 1, inFlight: 0))
        let again = try #require(try await queue.receive(max: 1, visibilityTimeoutSeconds: 30, waitSeconds: 0).first)
        #expect(again.messageID == first.messageID)
        #expect(again.receiveCount == 2)
        #expect(again.receiptHandle != first.receiptHandle)
        await #expect(throws: BackendError.invalidReceiptHandle(first.receiptHandle)) {
            try await queue.delete(first.receiptHandle)
        }
        try await queue.delete(again.receiptHandle)
        #expect(try await queue.counts() == QueueCounts(visible: 0, inFlight: 0))
        await #expect(throws: BackendError.invalidReceiptHandle(again.receiptHandle)) {
            try await queue.delete(again.receiptHandle)
        }
    }

    @Test func changeVisibilityReturnsOrExtendsAMessage() async throws {
        let (backend, clock) = try makeBackend()
        let queue = backend.newJobQueue
        try await queue.send(JobID("a"))
        let message = try #require(try await queue.receive(max: 1, visibilityTimeoutSeconds: 30, waitSeconds: 0).first)
        // Extend: 20 s later, hide for 60 s more.
        clock.advance(by: 20)
        try await queue.changeVisibility(message.receiptHandle, timeoutSeconds: 60)
        clock.advance(by: 30)
        #expect(try await queue.counts() == QueueCounts(visible: 0, inFlight: 1))
        // Return at once.
        try await queue.changeVisibility(message.receiptHandle, timeoutSeconds: 0)
        #expect(try await queue.counts() == QueueCounts(visible: 1, inFlight: 0))
        // A visible message is not in flight: its receipt no longer changes anything.
        await #expect(throws: BackendError.invalidReceiptHandle(message.receiptHandle)) {
            try await queue.changeVisibility(message.receiptHandle, timeoutSeconds: 10)
        }
    }

    @Test func batchesHoldAtMostTen() async throws {
        let (backend, _) = try makeBackend()
        let queue = backend.newJobQueue
        for index in 0..<25 { try await queue.send(JobID("j\(index)")) }
        await #expect(throws: BackendError.batchTooLarge(requested: 11, limit: 10)) {
            try await queue.receive(max: 11, visibilityTimeoutSeconds: 30, waitSeconds: 0)
        }
        await #expect(throws: BackendError.batchTooLarge(requested: 0, limit: 10)) {
            try await queue.receive(max: 0, visibilityTimeoutSeconds: 30, waitSeconds: 0)
        }
        var sizes: [Int] = []
        while true {
            let batch = try await queue.receive(max: 10, visibilityTimeoutSeconds: 30, waitSeconds: 0)
            if batch.isEmpty { break }
            sizes.append(batch.count)
        }
        #expect(sizes == [10, 10, 5])
        #expect(try await queue.counts() == QueueCounts(visible: 0, inFlight: 25))
    }

    @Test func theTwoQueuesAreSeparate() async throws {
        let (backend, _) = try makeBackend()
        try await backend.newJobQueue.send(JobID("new"))
        try await backend.stateChangeQueue.send(JobID("changed"))
        #expect(try await backend.stateChangeQueue.receive(max: 10, visibilityTimeoutSeconds: 30, waitSeconds: 0)
            .map(\.jobID.rawValue) == ["changed"])
        #expect(try await backend.newJobQueue.counts() == QueueCounts(visible: 1, inFlight: 0))
    }

    @Test func aLongPollEndsEmptyAtItsDeadlineOrWithTheFirstMessageSent() async throws {
        let (backend, _) = try makeBackend(clock: ManualClock())
        let queue = backend.newJobQueue
        // Nothing arrives: the poll gives up after its wait (0.2 s), empty.
        #expect(try await queue.receive(max: 1, visibilityTimeoutSeconds: 30, waitSeconds: 0.2).isEmpty)
        // A message sent while a long poll waits is delivered to it.
        async let polled = queue.receive(max: 1, visibilityTimeoutSeconds: 30, waitSeconds: 20)
        try await queue.send(JobID("late"))
        #expect(try await polled.map(\.jobID.rawValue) == ["late"])
    }

    @Test func aSecondConnectionSeesTheSameQueue() async throws {
        // Two processes open the same file; two pools in one process stand in for them here.
        let directory = makeDataDirectory()
        let one = try EmbeddedBackend(dataDirectory: directory)
        let two = try EmbeddedBackend(dataDirectory: directory)
        try await one.newJobQueue.send(JobID("shared"))
        let got = try await two.newJobQueue.receive(max: 10, visibilityTimeoutSeconds: 30, waitSeconds: 0)
        #expect(got.map(\.jobID.rawValue) == ["shared"])
        #expect(try await one.newJobQueue.receive(max: 10, visibilityTimeoutSeconds: 30, waitSeconds: 0).isEmpty)
    }
}
