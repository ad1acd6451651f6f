import NommerCore

/// What a run did with one job, as `nommer-sim run --trace-out` writes it.
public struct JobLogEntry: Sendable, Equatable {
    /// The job's id in the run (`j1`, `j2`, ...).
    public var jobID: String
    /// Submission time, in seconds from the start of the run.
    public var submittedAt: Seconds
    /// The last encode's duration, in seconds; nil if the job never encoded
    /// (or its nommer hung).
    public var encodeSeconds: Seconds?
    /// How the job ended: `finished`, `error` or `abandoned`; nil if unfinished.
    public var outcome: String?
}

/// One entry per job of a run, in order of submission; kept only when asked
/// for (it grows with the number of jobs).
public struct JobLog: Sendable {
    public private(set) var entries: [JobLogEntry] = []

    mutating func arrived(_ id: JobID, at time: Seconds) {
        entries.append(JobLogEntry(jobID: id.rawValue, submittedAt: time, encodeSeconds: nil, outcome: nil))
    }

    mutating func encodeStarted(_ id: JobID, seconds: Seconds) {
        guard let index = Self.index(of: id) else { return }
        entries[index].encodeSeconds = seconds
    }

    mutating func ended(_ id: JobID, in state: JobState) {
        guard let index = Self.index(of: id) else { return }
        switch state {
        case .finished: entries[index].outcome = "finished"
        case .error: entries[index].outcome = "error"
        case .abandoned: entries[index].outcome = "abandoned"
        default: break
        }
    }

    private static func index(of id: JobID) -> Int? {
        Simulation.jobNumber(of: id).map { $0 - 1 }
    }
}
