import NommerConfig
import NommerCore
import Testing
@testable import NommerSim

@Suite("Simulated SQS")
struct SimulatedQueueTests {
    func queue(with jobs: Int, at time: Seconds = 0) -> SimulatedQueue {
        var queue = SimulatedQueue(name: "q")
        for n in 0..<jobs { queue.send(JobID("j\(n)"), at: time) }
        return queue
    }

    @Test("a receive returns at most ten messages, first in first out")
    func batchLimit() throws {
        var queue = queue(with: 15)
        let first = try queue.receive(max: 10, visibilityTimeoutSeconds: 30, at: 1)
        #expect(first.map(\.jobID.rawValue) == (0..<10).map { "j\($0)" })
        let second = try queue.receive(max: 10, visibilityTimeoutSeconds: 30, at: 1)
        #expect(second.count == 5)
        #expect(queue.counts(at: 1) == QueueCounts(visible: 0, inFlight: 15))
    }

    @Test("asking for more than ten is refused")
    func batchTooLarge() {
        var queue = queue(with: 11)
        #expect(throws: BackendError.batchTooLarge(requested: 11, limit: 10)) {
            try queue.receive(max: 11, visibilityTimeoutSeconds: 30, at: 0)
        }
    }

    @Test("a received message is hidden until its visibility timeout, then comes back")
    func visibilityTimeout() throws {
        var queue = queue(with: 1)
        let first = try queue.receive(max: 1, visibilityTimeoutSeconds: 30, at: 0)
        #expect(try queue.receive(max: 1, visibilityTimeoutSeconds: 30, at: 29.9).isEmpty)
        let again = try queue.receive(max: 1, visibilityTimeoutSeconds: 30, at: 30)
        #expect(again.count == 1)
        #expect(again[0].jobID == first[0].jobID)
        #expect(again[0].receiveCount == 2)
        #expect(again[0].receiptHandle != first[0].receiptHandle)
        #expect(queue.redeliveries == 1)
    }

    @Test("a deleted message never comes back")
    func deleteByReceipt() throws {
        var queue = queue(with: 1)
        let message = try #require(try queue.receive(max: 1, visibilityTimeoutSeconds: 30, at: 0).first)
        try queue.delete(message.receiptHandle, at: 5)
        #expect(try queue.receive(max: 1, visibilityTimeoutSeconds: 30, at: 100).isEmpty)
        #expect(queue.counts(at: 100) == QueueCounts(visible: 0, inFlight: 0))
    }

    @Test("the receipt of an expired receive no longer deletes")
    func staleReceipt() throws {
        var queue = queue(with: 1)
        let old = try #require(try queue.receive(max: 1, visibilityTimeoutSeconds: 30, at: 0).first)
        _ = try queue.receive(max: 1, visibilityTimeoutSeconds: 30, at: 31)
        #expect(throws: BackendError.invalidReceiptHandle(old.receiptHandle)) {
            try queue.delete(old.receiptHandle, at: 32)
        }
    }

    @Test("changing visibility extends the hiding, and zero returns the message at once")
    func changeVisibility() throws {
        var queue = queue(with: 1)
        let message = try #require(try queue.receive(max: 1, visibilityTimeoutSeconds: 30, at: 0).first)
        try queue.changeVisibility(message.receiptHandle, timeoutSeconds: 100, at: 20)
        #expect(try queue.receive(max: 1, visibilityTimeoutSeconds: 30, at: 119).isEmpty)
        let back = try #require(try queue.receive(max: 1, visibilityTimeoutSeconds: 30, at: 120).first)
        try queue.changeVisibility(back.receiptHandle, timeoutSeconds: 0, at: 121)
        #expect(queue.counts(at: 121) == QueueCounts(visible: 1, inFlight: 0))
    }

    @Test("messages come back in deadline order whatever order their timeouts were set in")
    func mixedTimeouts() throws {
        var queue = queue(with: 3)
        let a = try #require(try queue.receive(max: 1, visibilityTimeoutSeconds: 100, at: 0).first)
        let b = try #require(try queue.receive(max: 1, visibilityTimeoutSeconds: 10, at: 0).first)
        let c = try #require(try queue.receive(max: 1, visibilityTimeoutSeconds: 50, at: 0).first)
        try queue.changeVisibility(a.receiptHandle, timeoutSeconds: 5, at: 1)
        #expect(queue.nextExpiry == 6)
        #expect(try queue.receive(max: 10, visibilityTimeoutSeconds: 1000, at: 6).map(\.jobID) == [a.jobID])
        #expect(try queue.receive(max: 10, visibilityTimeoutSeconds: 1000, at: 10).map(\.jobID) == [b.jobID])
        #expect(try queue.receive(max: 10, visibilityTimeoutSeconds: 1000, at: 49).isEmpty)
        #expect(try queue.receive(max: 10, visibilityTimeoutSeconds: 1000, at: 50).map(\.jobID) == [c.jobID])
        #expect(queue.redeliveries == 3)
    }

    @Test("a duplicate delivery leaves a copy of the message on the queue")
    func duplicates() throws {
        var queue = queue(with: 1)
        let first = try queue.receive(max: 1, visibilityTimeoutSeconds: 30, at: 0, duplicate: { true })
        let copy = try queue.receive(max: 1, visibilityTimeoutSeconds: 30, at: 0)
        #expect(first.first?.jobID == copy.first?.jobID)
        #expect(queue.duplicatesDelivered == 1)
    }

    @Test("the time integral of the visible count is exact")
    func visibleArea() throws {
        var queue = queue(with: 2, at: 0)
        _ = try queue.receive(max: 1, visibilityTimeoutSeconds: 30, at: 10)   // 2 visible for 10 s
        _ = try queue.receive(max: 1, visibilityTimeoutSeconds: 30, at: 15)   // 1 visible for 5 s
        queue.finish(at: 20)
        #expect(queue.visibleArea == 25)
    }
}

@Suite("Simulated SimpleDB")
struct SimulatedJobStoreTests {
    func job(_ id: String, at time: Seconds = 0) -> EncodingJob {
        EncodingJob(id: JobID(id), sourceURI: "s3://a", destinationURI: "s3://b", nommer: "ffmpeg", createdAt: time)
    }

    @Test("an attribute over 1024 bytes is refused")
    func attributeLimit() {
        var store = SimulatedJobStore()
        var big = job("j1")
        big.sourceURI = String(repeating: "x", count: 1025)
        #expect(throws: BackendError.attributeTooLong(job: JobID("j1"), attribute: "source_path", bytes: 1025, limit: 1024)) {
            try store.put(big, at: 0)
        }
    }

    @Test("eventually consistent reads see the previous version within the window")
    func eventualConsistency() throws {
        var store = SimulatedJobStore(eventualConsistencySeconds: 5)
        var record = job("j1")
        try store.put(record, at: 0)
        try record.transition(to: .downloading, at: 10)
        try store.put(record, at: 10)
        #expect(store.get(JobID("j1"), consistent: false, at: 12)?.state == .pending)
        #expect(store.get(JobID("j1"), consistent: true, at: 12)?.state == .downloading)
        #expect(store.get(JobID("j1"), consistent: false, at: 15)?.state == .downloading)
    }

    @Test("a finished record is final")
    func finishedIsFinal() throws {
        var store = SimulatedJobStore()
        var record = job("j1")
        try record.transition(to: .abandoned, at: 1)
        try store.put(record, at: 1)
        var late = job("j1")
        try late.transition(to: .downloading, at: 2)
        #expect(throws: BackendError.self) { try store.put(late, at: 2) }
        #expect(store.refusedWrites == 1)
        #expect(store.get(JobID("j1"), consistent: true, at: 3)?.state == .abandoned)
    }

    @Test("finished records are dropped after the retention time; unfinished ones stay")
    func retention() throws {
        var store = SimulatedJobStore(finishedRetentionSeconds: 100)
        var done = job("j1")
        try done.transition(to: .error, details: "boom", at: 0)
        try store.put(done, at: 0)
        try store.put(job("j2"), at: 0)
        try store.put(job("j3"), at: 101)
        #expect(store.get(JobID("j1"), consistent: true, at: 101) == nil)
        #expect(store.count == 2)
        #expect(store.selectUnfinished().map(\.id.rawValue) == ["j2", "j3"])
    }
}

@Suite("Simulated EC2")
struct SimulatedFleetTests {
    @Test("per-hour billing charges every started hour")
    func perHour() {
        var billing = BillingSpec()
        billing.model = .perHour
        let fleet = SimulatedFleet(billing: billing, quota: nil)
        #expect(fleet.billableHours(from: 0, to: 1) == 1)
        #expect(fleet.billableHours(from: 0, to: 3600) == 1)
        #expect(fleet.billableHours(from: 0, to: 3601) == 2)
    }

    @Test("per-second billing has a 60-second minimum")
    func perSecond() {
        var billing = BillingSpec()
        billing.model = .perSecond
        let fleet = SimulatedFleet(billing: billing, quota: nil)
        #expect(fleet.billableHours(from: 0, to: 30) == 60.0 / 3600)
        #expect(fleet.billableHours(from: 0, to: 90) == 90.0 / 3600)
    }

    @Test("launches beyond the quota are refused")
    func quota() {
        var fleet = SimulatedFleet(billing: BillingSpec(), quota: 3)
        #expect(fleet.launch(2, at: 0).count == 2)
        #expect(fleet.launch(2, at: 0).count == 1)
        #expect(fleet.describe().count == 3)
        #expect(fleet.peakInstances == 3)
    }
}

@Suite("Event queue")
struct EventQueueTests {
    @Test("events at the same time run in the order they were scheduled")
    func tiesAreFIFO() {
        var queue = EventQueue()
        for n in 0..<100 { queue.schedule(.instanceBooted(instance: n), at: n % 2 == 0 ? 5 : 1) }
        var order: [Int] = []
        while let entry = queue.next() {
            if case let .instanceBooted(instance) = entry.event { order.append(instance) }
        }
        #expect(order == (0..<100).filter { $0 % 2 == 1 } + (0..<100).filter { $0 % 2 == 0 })
    }
}
