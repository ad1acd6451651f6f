import HeapModule
import NommerCore

/// The simulator's future events, earliest first.
///
/// swift-collections' `Heap` gives no order among equal elements, so each
/// event carries a sequence number and ties in time run first in, first out
/// (as swift-nio's `EmbeddedEventLoop` does). That makes a run a pure
/// function of its scenario and seed.
struct EventQueue {
    struct Entry: Comparable {
        let time: Seconds
        let sequence: UInt64
        let event: SimulationEvent

        static func < (lhs: Entry, rhs: Entry) -> Bool {
            lhs.time < rhs.time || (lhs.time == rhs.time && lhs.sequence < rhs.sequence)
        }

        static func == (lhs: Entry, rhs: Entry) -> Bool {
            lhs.time == rhs.time && lhs.sequence == rhs.sequence
        }
    }

    private var heap = Heap<Entry>()
    private var nextSequence: UInt64 = 0

    /// Events still to run.
    var count: Int { heap.count }
    var isEmpty: Bool { heap.isEmpty }

    /// Adds an event at `time` (seconds). O(log n).
    mutating func schedule(_ event: SimulationEvent, at time: Seconds) {
        heap.insert(Entry(time: time, sequence: nextSequence, event: event))
        nextSequence &+= 1
    }

    /// Removes and returns the earliest event. O(log n).
    mutating func next() -> Entry? { heap.popMin() }
}

/// Something that happens at a point of simulated time.
enum SimulationEvent {
    /// The next job arrives.
    case arrival
    /// One of the feeder's timers.
    case feederTimer(FeederTimer)
    /// One of a worker's timers.
    case workerTimer(instance: Int, WorkerTimer)
    /// An instance finished booting.
    case instanceBooted(instance: Int)
    /// A phase of a job on an instance ended.
    case phaseDone(instance: Int, job: JobID, attempt: Int, phase: WorkPhase, outcome: PhaseOutcome)
    /// An instance fails (hardware, spot reclaim): it vanishes without a word.
    case instanceFailed(instance: Int)
    /// Messages may be waiting for long-polling workers.
    case wakeLongPollers
    /// Time to sample the time series (only when sampling is on).
    case sample
}
