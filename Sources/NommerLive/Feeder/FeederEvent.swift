import NommerCore

/// One event the live feeder driver feeds to the core's
/// ``FeederStateMachine``: the driver calls the machine only through
/// ``apply(to:at:into:)``, so a recorded sequence of these replays the
/// driver's run exactly (see ``Transcript``).
public enum FeederEvent: Sendable, Equatable {
    case start
    case unfinishedJobsLoaded([EncodingJob])
    case timerFired(FeederTimer)
    case stateChangesReceived([QueueMessage])
    case jobsLoaded([EncodingJob], missing: [JobID], purpose: JobLoadPurpose)
    case fleetObserved(FleetObservation)

    /// Calls the matching event method of `machine`.
    public func apply(to machine: inout FeederStateMachine, at now: Seconds, into actions: inout [FeederAction]) {
        switch self {
        case .start: machine.start(at: now, into: &actions)
        case let .unfinishedJobsLoaded(jobs): machine.unfinishedJobsLoaded(jobs, at: now, into: &actions)
        case let .timerFired(timer): machine.timerFired(timer, at: now, into: &actions)
        case let .stateChangesReceived(messages): machine.stateChangesReceived(messages, at: now, into: &actions)
        case let .jobsLoaded(records, missing, purpose):
            machine.jobsLoaded(records, missing: missing, purpose: purpose, at: now, into: &actions)
        case let .fleetObserved(observation): machine.fleetObserved(observation, at: now, into: &actions)
        }
    }
}
