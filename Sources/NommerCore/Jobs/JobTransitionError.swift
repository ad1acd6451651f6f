/// Why a change to a job's state was refused.
public enum JobTransitionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `from -> to` is not in the table of legal transitions.
    case illegalTransition(job: JobID, from: JobState, to: JobState)
    /// Only a job that a worker was moving through its phases can be taken over or released.
    case cannotRestart(job: JobID, state: JobState)

    public var description: String {
        switch self {
        case let .illegalTransition(job, from, to):
            return "job \(job): illegal state transition \(from.rawValue) -> \(to.rawValue)"
        case let .cannotRestart(job, state):
            return "job \(job): cannot restart a job in state \(state.rawValue)"
        }
    }
}
