import NommerCore

/// The simulator's future events, earliest first.
///
/// A binary heap ordered by time, then by a sequence number, so ties in time
/// run first in, first out (as swift-nio's `EmbeddedEventLoop` does). That
/// makes a run a pure function of its scenario and seed.
///
/// Entries are plain data (no strings, no references): moving them around
/// the heap copies 32 bytes and retains nothing. Payloads that hold strings
/// (a phase report's job id and error text) live in ``PhaseReports`` and the
/// event carries their slot. A plain binary heap rather than swift-collections'
/// min-max `Heap`: the simulator only ever takes the minimum, and a binary
/// heap's sift-down compares half as many elements per level.
struct EventQueue {
    struct Entry {
        let time: Seconds
        let sequence: UInt64
        let event: SimulationEvent

        @inline(__always)
        static func precedes(_ lhs: Entry, _ rhs: Entry) -> Bool {
            lhs.time < rhs.time || (lhs.time == rhs.time && lhs.sequence < rhs.sequence)
        }
    }

    private var heap: [Entry] = []
    private var nextSequence: UInt64 = 0

    /// Events still to run.
    var count: Int { heap.count }
    var isEmpty: Bool { heap.isEmpty }

    /// Adds an event at `time` (seconds). O(log n).
    mutating func schedule(_ event: SimulationEvent, at time: Seconds) {
        let entry = Entry(time: time, sequence: nextSequence, event: event)
        nextSequence &+= 1
        heap.append(entry)
        heap.withUnsafeMutableBufferPointer { slots in
            var child = slots.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                guard Entry.precedes(entry, slots[parent]) else { break }
                slots[child] = slots[parent]
                child = parent
            }
            slots[child] = entry
        }
    }

    /// Removes and returns the earliest event. O(log n).
    mutating func next() -> Entry? {
        guard let last = heap.popLast() else { return nil }
        guard !heap.isEmpty else { return last }
        return heap.withUnsafeMutableBufferPointer { slots in
            let first = slots[0]
            // Sift `last` down from the root into the hole the minimum left.
            let count = slots.count
            var hole = 0
            while true {
                var child = 2 * hole + 1
                guard child < count else { break }
                if child + 1 < count && Entry.precedes(slots[child + 1], slots[child]) { child += 1 }
                guard Entry.precedes(slots[child], last) else { break }
                slots[hole] = slots[child]
                hole = child
            }
            slots[hole] = last
            return first
        }
    }
}

/// Something that happens at a point of simulated time. Plain data, so the
/// event queue moves entries without reference counting.
enum SimulationEvent {
    /// The next job arrives.
    case arrival
    /// One of the feeder's timers.
    case feederTimer(FeederTimer)
    /// One of a worker's timers.
    case workerTimer(instance: Int, WorkerTimer)
    /// An instance finished booting.
    case instanceBooted(instance: Int)
    /// A phase of a job on an instance ended; the report is in ``PhaseReports`` at `report`.
    case phaseDone(instance: Int, report: Int)
    /// An instance fails (hardware, spot reclaim): it vanishes without a word.
    case instanceFailed(instance: Int)
    /// Messages may be waiting for long-polling workers.
    case wakeLongPollers
    /// Time to sample the time series (only when sampling is on).
    case sample
}

/// How a phase of a job ended, waiting in the event queue to be reported.
struct PhaseReport {
    let job: JobID
    /// The job's ``EncodingJob/attempts`` when the phase started (a report
    /// for an earlier attempt is stale).
    let attempt: Int
    let phase: WorkPhase
    let outcome: PhaseOutcome
}

/// The phase reports of scheduled ``SimulationEvent/phaseDone(instance:report:)``
/// events, in reusable slots (a free list), so memory follows the phases in
/// progress.
struct PhaseReports {
    private var slots: [PhaseReport?] = []
    private var free: [Int] = []

    /// Stores a report; returns its slot.
    mutating func add(_ report: PhaseReport) -> Int {
        if let slot = free.popLast() {
            slots[slot] = report
            return slot
        }
        slots.append(report)
        return slots.count - 1
    }

    /// Removes and returns the report in `slot`.
    mutating func take(_ slot: Int) -> PhaseReport? {
        guard let report = slots[slot].take() else { return nil }
        free.append(slot)
        return report
    }
}
