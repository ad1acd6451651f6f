/// The feeder's timers.
public enum FeederTimer: String, Sendable, Equatable, CaseIterable {
    /// Read the state-change queue and refresh changed jobs.
    case stateCheck
    /// Run the spawn policy.
    case spawn
    /// Uncache finished jobs and abandon stale ones.
    case prune
}

/// Why the feeder asked for job records.
public enum JobLoadPurpose: Sendable, Equatable {
    /// Jobs named on the state-change queue.
    case stateChange
    /// Candidates for ABANDONED, re-read before abandoning them.
    case abandonCheck
}

/// What the feeder asks its driver to do. The driver performs the actions in
/// order and reports results through the matching event method.
public enum FeederAction: Sendable, Equatable {
    /// Select every unfinished job from the store, then call
    /// ``FeederStateMachine/unfinishedJobsLoaded(_:at:into:)``.
    case loadUnfinishedJobs
    /// Call ``FeederStateMachine/timerFired(_:at:into:)`` at this time (seconds).
    case schedule(FeederTimer, at: Seconds)
    /// Write this record to the job store.
    case storeJob(EncodingJob)
    /// Send this job's id on the new-job queue (after its record is stored).
    case enqueueNewJob(JobID)
    /// Receive up to `max` messages from the state-change queue, then call
    /// ``FeederStateMachine/stateChangesReceived(_:at:into:)``.
    case receiveStateChanges(max: Int)
    /// Read these records (consistently, if the store can), then call
    /// ``FeederStateMachine/jobsLoaded(_:missing:purpose:at:into:)``.
    case loadJobs([JobID], purpose: JobLoadPurpose)
    /// Delete these state-change messages.
    case deleteStateChanges([ReceiptHandle])
    /// Describe the fleet and count the new-job queue, then call
    /// ``FeederStateMachine/fleetObserved(_:at:into:)``.
    case observeFleet
    /// Launch this many instances.
    case launchInstances(Int)
    /// Stop these instances (they drain first).
    case terminateInstances([InstanceID])
}

/// What the driver saw when asked to ``FeederAction/observeFleet``.
public struct FleetObservation: Sendable, Equatable {
    /// Instances booting, running or stopping.
    public var instances: [InstanceDescription]
    /// Counts of the new-job queue.
    public var newJobQueue: QueueCounts

    public init(instances: [InstanceDescription], newJobQueue: QueueCounts) {
        self.instances = instances
        self.newJobQueue = newJobQueue
    }
}
