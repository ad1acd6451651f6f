import DequeModule
import HeapModule
import NommerCore

/// An SQS queue in virtual time: at-least-once delivery, batches of at most
/// ten, a visibility timeout after which an undeleted message comes back,
/// receipt handles, and optional duplicate deliveries.
///
/// Delivery order is first in, first out (SQS standard queues only try to
/// keep order; FIFO is a fair model of that here). Calls are synchronous and
/// take the current time; expired visibility timeouts are applied lazily at
/// the next call.
struct SimulatedQueue {
    private struct Message {
        let messageID: UInt64
        let jobID: JobID
        let sentAt: Seconds
        var receiveCount: Int
    }

    private struct InFlight {
        var message: Message
        var deadline: Seconds
    }

    private struct Expiry: Comparable {
        let deadline: Seconds
        let receipt: UInt64
        static func < (a: Expiry, b: Expiry) -> Bool { (a.deadline, a.receipt) < (b.deadline, b.receipt) }
    }

    /// The queue's name.
    let name: String
    private var visible = Deque<Message>()
    /// Messages in flight by receipt number (receipts are numbered in order).
    private var inFlight = SequentialTable<InFlight>()
    /// Visibility deadlines, in two parts: deadlines that arrive in order
    /// (every receive with the same timeout) go to a FIFO at O(1); any other
    /// (an extension, a shorter timeout) goes to a heap. Entries of messages
    /// deleted or extended since are skipped when they come due.
    private var orderedExpiries = Deque<Expiry>()
    private var otherExpiries = Heap<Expiry>()
    private var nextMessageID: UInt64 = 0
    private var nextReceipt: UInt64 = 0

    /// Messages ever sent (duplicate copies included).
    private(set) var sent: Int = 0
    /// Duplicate copies delivered.
    private(set) var duplicatesDelivered: Int = 0
    /// Messages returned to the queue because their visibility timeout expired.
    private(set) var redeliveries: Int = 0
    /// Time integral of the visible count, in message-seconds (for Little's law).
    private(set) var visibleArea: Double = 0
    private var lastChange: Seconds = 0

    init(name: String) {
        self.name = name
    }

    /// Visible and in-flight counts at `now`.
    mutating func counts(at now: Seconds) -> QueueCounts {
        expire(now)
        return QueueCounts(visible: visible.count, inFlight: inFlight.count)
    }

    /// Visible and in-flight counts as of the last call that changed the
    /// queue, without applying due redeliveries (an observation that leaves
    /// the run exactly as it would be without it).
    var observedCounts: QueueCounts { QueueCounts(visible: visible.count, inFlight: inFlight.count) }

    /// Whether a receive at `now` would return something.
    mutating func hasVisible(at now: Seconds) -> Bool {
        expire(now)
        return !visible.isEmpty
    }

    /// Sends a message naming `job`. O(1).
    mutating func send(_ job: JobID, at now: Seconds) {
        accumulate(now)
        visible.append(Message(messageID: nextMessageID, jobID: job, sentAt: now, receiveCount: 0))
        nextMessageID &+= 1
        sent += 1
    }

    /// Receives up to `max` messages (at most 10), hiding each for
    /// `visibilityTimeoutSeconds`. `duplicate` is asked once per message
    /// received and, when it answers true, a copy stays on the queue.
    mutating func receive(max: Int, visibilityTimeoutSeconds: Seconds, at now: Seconds,
                          duplicate: () -> Bool = { false }) throws(BackendError) -> [QueueMessage] {
        guard max <= maximumReceiveBatch else { throw .batchTooLarge(requested: max, limit: maximumReceiveBatch) }
        expire(now)
        guard !visible.isEmpty, max > 0 else { return [] }
        accumulate(now)
        var result: [QueueMessage] = []
        result.reserveCapacity(Swift.min(max, visible.count))
        while result.count < max, var message = visible.popFirst() {
            message.receiveCount += 1
            let receipt = nextReceipt
            nextReceipt &+= 1
            let deadline = now + visibilityTimeoutSeconds
            inFlight.append(InFlight(message: message, deadline: deadline), for: receipt)
            addExpiry(Expiry(deadline: deadline, receipt: receipt))
            result.append(QueueMessage(messageNumber: message.messageID, receiptNumber: receipt, jobID: message.jobID,
                                       receiveCount: message.receiveCount, sentAt: message.sentAt))
            if duplicate() {
                visible.append(Message(messageID: message.messageID, jobID: message.jobID,
                                       sentAt: message.sentAt, receiveCount: message.receiveCount))
                duplicatesDelivered += 1
                sent += 1
            }
        }
        return result
    }

    /// Deletes the message received with `receipt`.
    mutating func delete(_ receipt: ReceiptHandle, at now: Seconds) throws(BackendError) {
        guard let key = Self.key(receipt), inFlight.removeValue(for: key) != nil else {
            throw .invalidReceiptHandle(receipt)
        }
    }

    /// Hides the message received with `receipt` for `timeoutSeconds` from
    /// now; 0 makes it visible at once.
    mutating func changeVisibility(_ receipt: ReceiptHandle, timeoutSeconds: Seconds, at now: Seconds) throws(BackendError) {
        expire(now)
        guard let key = Self.key(receipt), var entry = inFlight[key] else { throw .invalidReceiptHandle(receipt) }
        if timeoutSeconds <= 0 {
            inFlight.removeValue(for: key)
            accumulate(now)
            visible.append(entry.message)
            return
        }
        entry.deadline = now + timeoutSeconds
        inFlight.update(entry, for: key)
        addExpiry(Expiry(deadline: entry.deadline, receipt: key))
    }

    /// When the message received with `receipt` comes back unless deleted; nil
    /// if the receipt names no message in flight.
    func deadline(of receipt: ReceiptHandle) -> Seconds? {
        guard let key = Self.key(receipt) else { return nil }
        return inFlight[key]?.deadline
    }

    /// The earliest time a hidden message will come back, if any.
    var nextExpiry: Seconds? {
        switch (orderedExpiries.first?.deadline, otherExpiries.min?.deadline) {
        case let (a?, b?): return Swift.min(a, b)
        case let (a, b): return a ?? b
        }
    }

    private mutating func addExpiry(_ expiry: Expiry) {
        if let last = orderedExpiries.last, expiry < last {
            otherExpiries.insert(expiry)
        } else {
            orderedExpiries.append(expiry)
        }
    }

    /// Removes and returns the earliest expiry due at `now`, if any.
    private mutating func popExpiry(dueAt now: Seconds) -> Expiry? {
        let ordered = orderedExpiries.first.flatMap { $0.deadline <= now ? $0 : nil }
        let other = otherExpiries.min.flatMap { $0.deadline <= now ? $0 : nil }
        switch (ordered, other) {
        case let (a?, b?):
            if a < b { return orderedExpiries.removeFirst() }
            return otherExpiries.removeMin()
        case (_?, nil): return orderedExpiries.removeFirst()
        case (nil, _?): return otherExpiries.removeMin()
        case (nil, nil): return nil
        }
    }

    /// Closes the time integral at `now`.
    mutating func finish(at now: Seconds) { accumulate(now) }

    private mutating func expire(_ now: Seconds) {
        while let first = popExpiry(dueAt: now) {
            guard let entry = inFlight[first.receipt], entry.deadline == first.deadline else { continue }
            inFlight.removeValue(for: first.receipt)
            accumulate(first.deadline)
            visible.append(entry.message)
            redeliveries += 1
        }
    }

    private mutating func accumulate(_ now: Seconds) {
        if now > lastChange {
            visibleArea += Double(visible.count) * (now - lastChange)
            lastChange = now
        }
    }

    /// The receipt number of a handle this queue gave out (numbered: no text
    /// is made or parsed); nil for any other handle.
    private static func key(_ handle: ReceiptHandle) -> UInt64? { handle.number }
}
