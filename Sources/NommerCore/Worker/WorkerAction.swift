/// The three phases of a job's work, each a state of the job.
public enum WorkPhase: String, Sendable, Equatable, CaseIterable {
    case download, encode, upload

    /// The job state during this phase.
    public var jobState: JobState {
        switch self {
        case .download: return .downloading
        case .encode: return .encoding
        case .upload: return .uploading
        }
    }

    /// The phase after this one; nil after the upload.
    public var next: WorkPhase? {
        switch self {
        case .download: return .encode
        case .encode: return .upload
        case .upload: return nil
        }
    }
}

/// How a phase ended, as the nommer reports it.
public enum PhaseOutcome: Sendable, Equatable {
    case completed
    /// The phase failed; the job ends ERROR with these details.
    case failed(details: String)
}

/// The worker's timers.
public enum WorkerTimer: String, Sendable, Equatable, CaseIterable {
    /// Ask the queue for work (short polling).
    case poll
    /// Report held jobs alive and keep their messages hidden.
    case heartbeat
    /// Terminate the instance if it has been idle long enough.
    case idleCheck
}

/// What a worker asks its driver to do. The driver performs the actions in
/// order and reports results through the matching event method.
public enum WorkerAction: Sendable, Equatable {
    /// Receive up to `max` messages from the new-job queue, hiding them for
    /// `visibilityTimeoutSeconds`; with `waitSeconds` > 0, long-poll. Then call
    /// ``WorkerStateMachine/messagesReceived(_:at:into:)``.
    case receive(max: Int, waitSeconds: Seconds, visibilityTimeoutSeconds: Seconds)
    /// Stop a long poll in progress (the worker is stopping).
    case cancelReceive
    /// Read the job the message names, then call
    /// ``WorkerStateMachine/jobLoaded(_:for:at:into:)``.
    case loadJob(QueueMessage)
    /// Write this record to the job store.
    case storeJob(EncodingJob)
    /// Send the job's id on the state-change queue.
    case announceStateChange(JobID)
    /// Run this phase of the job with the nommer; report
    /// ``WorkerStateMachine/phaseCompleted(_:phase:outcome:at:into:)`` when it
    /// ends, or ``WorkerStateMachine/nommerStalled(_:at:)`` if it stops making progress.
    case startPhase(WorkPhase, EncodingJob)
    /// Stop the nommer working on this job; no completion will be reported.
    case abortPhase(JobID)
    /// Delete a message from the new-job queue.
    case deleteMessage(ReceiptHandle)
    /// Hide a message for this long again, in seconds (0 returns it to the queue).
    case changeVisibility(ReceiptHandle, timeoutSeconds: Seconds)
    /// Read these held jobs' records, then call
    /// ``WorkerStateMachine/heldJobsRefreshed(_:missing:at:into:)``.
    case refreshHeldJobs([JobID])
    /// Call ``WorkerStateMachine/timerFired(_:at:into:)`` at this time (seconds).
    case schedule(WorkerTimer, at: Seconds)
    /// Terminate this worker's own instance.
    case terminateSelf
}
