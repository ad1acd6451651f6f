import NommerCore

/// A job with the given id and bookkeeping, as a store would hold it.
func makeJob(_ id: String, state: JobState = .pending, createdAt: Seconds = 0, lastModifiedAt: Seconds? = nil,
             startedAt: Seconds? = nil, attempts: Int = 0, details: String? = nil) -> EncodingJob {
    EncodingJob(id: JobID(id), sourceURI: "s3://in/\(id).mov", destinationURI: "s3://out/\(id).mp4", nommer: "ffmpeg",
                state: state, stateDetails: details, createdAt: createdAt, lastModifiedAt: lastModifiedAt,
                startedAt: startedAt, attempts: attempts)
}

/// A queue message naming `jobID`, with receipt handle `r-<jobID>` unless given.
func makeMessage(_ jobID: String, receipt: String? = nil, sentAt: Seconds = 0) -> QueueMessage {
    QueueMessage(messageID: "m-\(jobID)", receiptHandle: ReceiptHandle(receipt ?? "r-\(jobID)"),
                 jobID: JobID(jobID), receiveCount: 1, sentAt: sentAt)
}

/// `job` after a transition that the test expects to be legal.
func transitioned(_ job: EncodingJob, to state: JobState, details: String? = nil, at now: Seconds) -> EncodingJob {
    var copy = job
    try! copy.transition(to: state, details: details, at: now)
    return copy
}

func snapshot(running: Int = 0, booting: Int = 0, stopping: Int = 0, unfinished: Int = 0, visible: Int = 0,
              inFlight: Int = 0, time: Seconds = 0, meanProcessing: Seconds? = nil) -> FleetSnapshot {
    FleetSnapshot(time: time, visibleMessages: visible, inFlightMessages: inFlight, runningInstances: running,
                  bootingInstances: booting, stoppingInstances: stopping, unfinishedJobs: unfinished,
                  recentMeanProcessingSeconds: meanProcessing)
}

// MARK: - Event helpers that return the actions an event produced

extension FeederStateMachine {
    mutating func starting(at now: Seconds) -> [FeederAction] {
        var actions: [FeederAction] = []
        start(at: now, into: &actions)
        return actions
    }

    mutating func submitting(_ job: EncodingJob, at now: Seconds) -> [FeederAction] {
        var actions: [FeederAction] = []
        submit(job, at: now, into: &actions)
        return actions
    }

    mutating func fired(_ timer: FeederTimer, at now: Seconds) -> [FeederAction] {
        var actions: [FeederAction] = []
        timerFired(timer, at: now, into: &actions)
        return actions
    }

    mutating func received(_ messages: [QueueMessage], at now: Seconds) -> [FeederAction] {
        var actions: [FeederAction] = []
        stateChangesReceived(messages, at: now, into: &actions)
        return actions
    }

    mutating func loaded(_ records: [EncodingJob], missing: [JobID] = [], purpose: JobLoadPurpose,
                         at now: Seconds) -> [FeederAction] {
        var actions: [FeederAction] = []
        jobsLoaded(records, missing: missing, purpose: purpose, at: now, into: &actions)
        return actions
    }

    mutating func observed(_ instances: [InstanceDescription], visible: Int = 0, inFlight: Int = 0,
                           at now: Seconds) -> [FeederAction] {
        var actions: [FeederAction] = []
        fleetObserved(FleetObservation(instances: instances, newJobQueue: QueueCounts(visible: visible, inFlight: inFlight)),
                      at: now, into: &actions)
        return actions
    }

    mutating func cancelling(_ id: JobID, reason: String, at now: Seconds) -> (EncodingJob?, [FeederAction]) {
        var actions: [FeederAction] = []
        let job = cancel(id, reason: reason, at: now, into: &actions)
        return (job, actions)
    }
}

extension WorkerStateMachine {
    mutating func starting(at now: Seconds) -> [WorkerAction] {
        var actions: [WorkerAction] = []
        start(at: now, into: &actions)
        return actions
    }

    mutating func received(_ messages: [QueueMessage], at now: Seconds) -> [WorkerAction] {
        var actions: [WorkerAction] = []
        messagesReceived(messages, at: now, into: &actions)
        return actions
    }

    mutating func loaded(_ record: EncodingJob?, for message: QueueMessage, at now: Seconds) -> [WorkerAction] {
        var actions: [WorkerAction] = []
        jobLoaded(record, for: message, at: now, into: &actions)
        return actions
    }

    mutating func completed(_ id: JobID, phase: WorkPhase, outcome: PhaseOutcome = .completed,
                            at now: Seconds) -> [WorkerAction] {
        var actions: [WorkerAction] = []
        phaseCompleted(id, phase: phase, outcome: outcome, at: now, into: &actions)
        return actions
    }

    mutating func fired(_ timer: WorkerTimer, at now: Seconds) -> [WorkerAction] {
        var actions: [WorkerAction] = []
        timerFired(timer, at: now, into: &actions)
        return actions
    }

    mutating func refreshed(_ records: [EncodingJob], missing: [JobID] = [], at now: Seconds) -> [WorkerAction] {
        var actions: [WorkerAction] = []
        heldJobsRefreshed(records, missing: missing, at: now, into: &actions)
        return actions
    }

    mutating func draining(at now: Seconds) -> [WorkerAction] {
        var actions: [WorkerAction] = []
        drain(at: now, into: &actions)
        return actions
    }

    mutating func releasing(at now: Seconds) -> [WorkerAction] {
        var actions: [WorkerAction] = []
        release(at: now, into: &actions)
        return actions
    }
}
