/// feederd as a state machine: it keeps the job cache, reads state changes,
/// runs the spawn policy and abandons stale jobs. It calls no backend: each
/// event method takes the time and appends the actions its driver must
/// perform to `actions` (a buffer the driver reuses, so the hot path does not
/// allocate an array per event).
public struct FeederStateMachine: Sendable {
    public let settings: FeederSettings
    /// The spawn policy, with whatever state it keeps.
    public private(set) var policy: any SpawnPolicy
    /// Jobs the feeder knows about.
    public private(set) var cache = JobCache()
    /// Recent completions, for policies that look at throughput.
    public private(set) var completions: CompletionWindow
    /// When each timer is next due (a fire at any other time is stale and ignored).
    private var due: [FeederTimer: Seconds] = [:]
    /// State-change messages handled in the current check.
    private var stateChangesThisCheck = 0
    /// Size of the last state-change receive asked for.
    private var lastBatchRequested = maximumReceiveBatch

    public init(settings: FeederSettings = FeederSettings(), policy: any SpawnPolicy) {
        self.settings = settings
        self.policy = policy
        self.completions = CompletionWindow(lengthSeconds: settings.completionWindowSeconds)
    }

    /// The feeder starts: load the unfinished jobs and start the timers.
    public mutating func start(at now: Seconds, into actions: inout [FeederAction]) {
        actions.append(.loadUnfinishedJobs)
        schedule(.stateCheck, at: now + settings.stateCheckIntervalSeconds, into: &actions)
        schedule(.spawn, at: now + settings.spawnIntervalSeconds, into: &actions)
        schedule(.prune, at: now + settings.pruneIntervalSeconds, into: &actions)
    }

    /// The store's unfinished jobs, read at start-up.
    public mutating func unfinishedJobsLoaded(_ jobs: [EncodingJob], at now: Seconds, into actions: inout [FeederAction]) {
        cache.loadAtStartup(jobs)
    }

    /// A new job was submitted: store it, then enqueue its id (media-nommer's
    /// `EncodingJob.save` for a new job). The job must be PENDING.
    public mutating func submit(_ job: EncodingJob, at now: Seconds, into actions: inout [FeederAction]) {
        cache.update(job)
        actions.append(.storeJob(job))
        actions.append(.enqueueNewJob(job.id))
    }

    /// A client asked to cancel a job: an unfinished job ends ABANDONED with
    /// the reason; a finished one is left alone. Returns the job as it now is.
    @discardableResult
    public mutating func cancel(_ id: JobID, reason: String, at now: Seconds, into actions: inout [FeederAction]) -> EncodingJob? {
        guard var job = cache.job(id) else { return nil }
        guard !job.isFinished else { return job }
        do {
            try job.transition(to: .abandoned, details: reason, at: now)
        } catch {
            return job
        }
        cache.update(job)
        actions.append(.storeJob(job))
        return job
    }

    /// A timer fired. Fires at any time other than the one last scheduled are ignored.
    public mutating func timerFired(_ timer: FeederTimer, at now: Seconds, into actions: inout [FeederAction]) {
        guard due[timer] == now else { return }
        due[timer] = nil
        switch timer {
        case .stateCheck:
            stateChangesThisCheck = 0
            requestStateChanges(into: &actions)
            schedule(.stateCheck, at: now + settings.stateCheckIntervalSeconds, into: &actions)
        case .spawn:
            actions.append(.observeFleet)
            schedule(.spawn, at: now + settings.spawnIntervalSeconds, into: &actions)
        case .prune:
            cache.uncacheFinishedJobs()
            let stale = cache.staleJobs(thresholdSeconds: settings.abandonAfterSeconds, now: now)
            if !stale.isEmpty { actions.append(.loadJobs(stale, purpose: .abandonCheck)) }
            schedule(.prune, at: now + settings.pruneIntervalSeconds, into: &actions)
        }
    }

    /// Messages from the state-change queue: refresh the jobs they name (each
    /// once), then delete the messages; keep reading while full batches come,
    /// up to `stateChangesPerCheck`.
    public mutating func stateChangesReceived(_ messages: [QueueMessage], at now: Seconds, into actions: inout [FeederAction]) {
        guard !messages.isEmpty else { return }
        var ids: [JobID] = []
        ids.reserveCapacity(messages.count)
        for message in messages where !ids.contains(message.jobID) { ids.append(message.jobID) }
        actions.append(.loadJobs(ids, purpose: .stateChange))
        actions.append(.deleteStateChanges(messages.map(\.receiptHandle)))
        stateChangesThisCheck += messages.count
        // A full batch means more may be waiting: read on while the limit allows.
        if messages.count >= lastBatchRequested {
            requestStateChanges(into: &actions)
        }
    }

    /// Records read from the store; `missing` are ids the store did not have.
    public mutating func jobsLoaded(_ records: [EncodingJob], missing: [JobID], purpose: JobLoadPurpose,
                                    at now: Seconds, into actions: inout [FeederAction]) {
        switch purpose {
        case .stateChange:
            for job in records {
                let wasFinished = cache.update(job)?.isFinished ?? false
                if job.isFinished, !wasFinished, job.state != .abandoned, let started = job.startedAt {
                    completions.record(finishedAt: job.lastModifiedAt, processingSeconds: job.lastModifiedAt - started)
                }
            }
            for id in missing { cache.remove(id) }
        case .abandonCheck:
            for var job in records {
                if !job.isFinished && now - job.lastModifiedAt > settings.abandonAfterSeconds {
                    let idle = Int((now - job.lastModifiedAt).rounded())
                    do {
                        try job.transition(
                            to: .abandoned,
                            details: "no change for \(idle) s in state \(job.state.rawValue) (threshold \(Int(settings.abandonAfterSeconds)) s)",
                            at: now)
                        actions.append(.storeJob(job))
                    } catch {
                        // Unreachable: every unfinished state may become ABANDONED.
                    }
                }
                cache.update(job)
            }
            for id in missing { cache.remove(id) }
        }
    }

    /// The fleet and the new-job queue as the driver saw them: build the
    /// snapshot, ask the policy, and turn its decision into launches or stops.
    public mutating func fleetObserved(_ observation: FleetObservation, at now: Seconds, into actions: inout [FeederAction]) {
        completions.expire(now: now)
        var running = 0, booting = 0, stopping = 0
        for instance in observation.instances {
            switch instance.state {
            case .running: running += 1
            case .booting: booting += 1
            case .stopping: stopping += 1
            }
        }
        let snapshot = FleetSnapshot(
            time: now,
            visibleMessages: observation.newJobQueue.visible,
            inFlightMessages: observation.newJobQueue.inFlight,
            runningInstances: running,
            bootingInstances: booting,
            stoppingInstances: stopping,
            unfinishedJobs: cache.unfinishedCount,
            recentCompletions: completions.count,
            recentMeanProcessingSeconds: completions.meanProcessingSeconds,
            completionWindowSeconds: completions.lengthSeconds)
        switch policy.decide(snapshot) {
        case .hold:
            break
        case let .launch(count):
            actions.append(.launchInstances(count))
        case let .stop(count):
            let victims = Self.instancesToStop(count, from: observation.instances)
            if !victims.isEmpty { actions.append(.terminateInstances(victims)) }
        }
    }

    /// Which instances to stop: booting ones first (they hold no work), then
    /// running ones, newest first within each (ties by id); never one already stopping.
    public static func instancesToStop(_ count: Int, from instances: [InstanceDescription]) -> [InstanceID] {
        let candidates = instances.filter { $0.state != .stopping }.sorted { a, b in
            if a.state != b.state { return a.state == .booting }
            if a.launchedAt != b.launchedAt { return a.launchedAt > b.launchedAt }
            return a.id < b.id
        }
        return candidates.prefix(count).map(\.id)
    }

    private mutating func requestStateChanges(into actions: inout [FeederAction]) {
        let batch = batchSize()
        guard batch > 0 else { return }
        lastBatchRequested = batch
        actions.append(.receiveStateChanges(max: batch))
    }

    private func batchSize() -> Int {
        guard let limit = settings.stateChangesPerCheck else { return maximumReceiveBatch }
        return max(0, min(maximumReceiveBatch, limit - stateChangesThisCheck))
    }

    private mutating func schedule(_ timer: FeederTimer, at time: Seconds, into actions: inout [FeederAction]) {
        due[timer] = time
        actions.append(.schedule(timer, at: time))
    }
}
