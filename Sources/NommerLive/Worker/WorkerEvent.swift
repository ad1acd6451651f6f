import NommerCore

/// One event the live worker driver feeds to the core's
/// ``WorkerStateMachine``, through ``apply(to:at:into:)`` only, so a recorded
/// sequence replays the driver's run exactly (see ``Transcript``).
public enum WorkerEvent: Sendable, Equatable {
    case start
    case messagesReceived([QueueMessage])
    case jobLoaded(EncodingJob?, for: QueueMessage)
    case phaseCompleted(JobID, phase: WorkPhase, outcome: PhaseOutcome)
    case nommerStalled(JobID)
    case heldJobsRefreshed([EncodingJob], missing: [JobID])
    case timerFired(WorkerTimer)
    case drain
    case release

    /// Calls the matching event method of `machine`.
    public func apply(to machine: inout WorkerStateMachine, at now: Seconds, into actions: inout [WorkerAction]) {
        switch self {
        case .start: machine.start(at: now, into: &actions)
        case let .messagesReceived(messages): machine.messagesReceived(messages, at: now, into: &actions)
        case let .jobLoaded(record, message): machine.jobLoaded(record, for: message, at: now, into: &actions)
        case let .phaseCompleted(id, phase, outcome):
            machine.phaseCompleted(id, phase: phase, outcome: outcome, at: now, into: &actions)
        case let .nommerStalled(id): machine.nommerStalled(id, at: now)
        case let .heldJobsRefreshed(records, missing):
            machine.heldJobsRefreshed(records, missing: missing, at: now, into: &actions)
        case let .timerFired(timer): machine.timerFired(timer, at: now, into: &actions)
        case .drain: machine.drain(at: now, into: &actions)
        case .release: machine.release(at: now, into: &actions)
        }
    }
}
