import NommerConfig
import NommerCore

/// Where a run's arrivals come from: a process drawn at random
/// (``ArrivalGenerator``) or a replayed workload, one arrival per job, at
/// exactly the workload's times.
enum ArrivalSource {
    case generated(ArrivalGenerator)
    /// The replayed submission times, in seconds, and the index of the next one.
    case replayed(times: [Seconds], next: Int)

    init(scenario arrivals: ArrivalSpec, replay: ReplayWorkload?) {
        if let replay {
            self = .replayed(times: replay.jobs.map(\.submittedAt), next: 0)
        } else {
            self = .generated(ArrivalGenerator(arrivals))
        }
    }

    /// The next arrival after `t` (seconds from the start); nil when there is
    /// none. A replayed arrival may be at `t` itself (jobs submitted together).
    @inline(__always)
    mutating func nextArrival(after t: Seconds, _ stream: RandomStream) -> Seconds? {
        switch self {
        case .generated(var generator):
            return generator.nextArrival(after: t, stream) // holds no state: nothing to write back
        case let .replayed(times, next):
            guard next < times.count else { return nil }
            self = .replayed(times: times, next: next + 1)
            return times[next]
        }
    }
}
