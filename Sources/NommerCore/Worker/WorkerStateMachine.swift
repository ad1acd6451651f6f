/// ec2nommerd as a state machine: one per instance. It takes jobs from the
/// new-job queue, moves each through DOWNLOADING, ENCODING and UPLOADING to
/// FINISHED or ERROR, announces every change, heartbeats its jobs, and
/// terminates its instance when idle. It calls no backend: each event method
/// takes the time and appends actions for its driver to `actions`.
public struct WorkerStateMachine: Sendable {
    /// A job this worker holds: its record, the receipt of its message, and
    /// where its work is.
    public struct HeldJob: Sendable, Equatable {
        public internal(set) var job: EncodingJob
        public let receipt: ReceiptHandle
        public internal(set) var phase: WorkPhase
        /// The nommer stopped making progress: heartbeats no longer refresh the job.
        public internal(set) var stalled: Bool
        /// When the message's visibility was last set, in seconds.
        var visibilitySetAt: Seconds
    }

    public let settings: WorkerSettings
    /// Jobs in progress on this instance, in the order they were taken.
    public private(set) var held: [HeldJob] = []
    /// Messages received whose job is still being read.
    public private(set) var pendingLoads = 0
    /// A receive (or long poll) is outstanding.
    public private(set) var receiving = false
    /// The instance was asked to stop: finish held jobs, take no more.
    public private(set) var draining = false
    /// The worker has asked to terminate its instance; it does nothing more.
    public private(set) var terminated = false
    /// When the worker last held or finished a job, in seconds.
    public private(set) var lastBusyAt: Seconds = 0
    private var due: [Seconds?] = [nil, nil, nil]

    public init(settings: WorkerSettings = WorkerSettings()) {
        self.settings = settings
    }

    /// Slots free for new jobs.
    @inlinable public var freeSlots: Int { settings.jobsPerInstance - held.count - pendingLoads }

    /// The instance has booted: start the timers and ask for work.
    public mutating func start(at now: Seconds, into actions: inout [WorkerAction]) {
        lastBusyAt = now
        schedule(.heartbeat, at: now + settings.heartbeatIntervalSeconds, into: &actions)
        if settings.idleShutdownSeconds > 0 {
            schedule(.idleCheck, at: now + settings.idleShutdownSeconds, into: &actions)
        }
        if !settings.longPoll { schedule(.poll, at: now + settings.pollIntervalSeconds, into: &actions) }
        requestWork(at: now, into: &actions)
    }

    /// A receive returned (an empty list ends an unanswered long poll).
    public mutating func messagesReceived(_ messages: [QueueMessage], at now: Seconds, into actions: inout [WorkerAction]) {
        receiving = false
        guard !terminated else { return }
        for message in messages {
            pendingLoads += 1
            if settings.deleteOnReceive { actions.append(.deleteMessage(message.receiptHandle)) }
            actions.append(.loadJob(message))
        }
        // Long polling has no poll timer: keep a poll outstanding while a slot is
        // free (an empty one is asked again at once). Short polling waits for its timer.
        if settings.longPoll { requestWork(at: now, into: &actions) }
    }

    /// The record a received message names (nil: the store has none).
    public mutating func jobLoaded(_ record: EncodingJob?, for message: QueueMessage, at now: Seconds, into actions: inout [WorkerAction]) {
        pendingLoads -= 1
        guard !terminated else { return }
        guard var job = record else {
            // Nothing to do for a job nobody stored.
            discard(message, into: &actions)
            return afterSlotChange(at: now, into: &actions)
        }
        if job.isFinished || held.contains(where: { $0.job.id == job.id }) {
            // A duplicate delivery of a job that is done, or that this worker already holds.
            if job.isFinished { discard(message, into: &actions) }
            return afterSlotChange(at: now, into: &actions)
        }
        if draining {
            // Stopping: hand the message back at once.
            if !settings.deleteOnReceive { actions.append(.changeVisibility(message.receiptHandle, timeoutSeconds: 0)) }
            return afterSlotChange(at: now, into: &actions)
        }
        do {
            if job.state == .pending {
                try job.transition(to: .downloading, at: now)
            } else if now - job.lastModifiedAt >= settings.takeoverAfterSeconds {
                // Redelivered after its worker was lost: take it over.
                try job.restart(at: now)
            } else {
                // Another live worker holds it (a duplicate delivery): leave the message.
                return afterSlotChange(at: now, into: &actions)
            }
        } catch {
            return afterSlotChange(at: now, into: &actions)
        }
        held.append(HeldJob(job: job, receipt: message.receiptHandle, phase: .download, stalled: false, visibilitySetAt: now))
        lastBusyAt = now
        actions.append(.storeJob(job))
        actions.append(.announceStateChange(job.id))
        actions.append(.startPhase(.download, job))
    }

    /// A phase of a held job ended. Reports for jobs or phases the worker no
    /// longer holds (after an abort) are ignored.
    public mutating func phaseCompleted(_ id: JobID, phase: WorkPhase, outcome: PhaseOutcome,
                                        at now: Seconds, into actions: inout [WorkerAction]) {
        guard let index = held.firstIndex(where: { $0.job.id == id }), held[index].phase == phase else { return }
        let next: JobState
        var details: String? = nil
        switch outcome {
        case .completed: next = phase.next?.jobState ?? .finished
        case let .failed(message): next = .error; details = message
        }
        // In place: a refused transition leaves the job unchanged.
        do {
            try held[index].job.transition(to: next, details: details, at: now)
        } catch {
            return
        }
        actions.append(.storeJob(held[index].job))
        actions.append(.announceStateChange(id))
        if next.isFinished {
            let receipt = held[index].receipt
            held.remove(at: index)
            lastBusyAt = now
            if !settings.deleteOnReceive { actions.append(.deleteMessage(receipt)) }
            afterSlotChange(at: now, into: &actions)
        } else if let nextPhase = phase.next {
            held[index].phase = nextPhase
            actions.append(.startPhase(nextPhase, held[index].job))
        }
    }

    /// The nommer working on this job stopped making progress (it hangs):
    /// heartbeats stop refreshing the job, so the abandon threshold catches it.
    public mutating func nommerStalled(_ id: JobID, at now: Seconds) {
        if let index = held.firstIndex(where: { $0.job.id == id }) { held[index].stalled = true }
    }

    /// Fresh records of held jobs, read on a heartbeat. A job that was
    /// finished by someone else (abandoned by the feeder, cancelled) is
    /// dropped; the rest are refreshed and their messages kept hidden.
    public mutating func heldJobsRefreshed(_ records: [EncodingJob], missing: [JobID], at now: Seconds,
                                           into actions: inout [WorkerAction]) {
        var dropped = false
        // By position, so only the two fields read are copied, not each record.
        for position in records.indices {
            let id = records[position].id
            guard let index = held.firstIndex(where: { $0.job.id == id }) else { continue }
            if records[position].isFinished {
                drop(at: index, into: &actions)
                dropped = true
                continue
            }
            if settings.heartbeatRefreshesJob && !held[index].stalled
                && now - held[index].job.lastModifiedAt >= settings.heartbeatWriteAfterSeconds {
                held[index].job.touch(at: now)
                actions.append(.storeJob(held[index].job))
            }
            if !settings.deleteOnReceive && now - held[index].visibilitySetAt >= settings.visibilityTimeoutSeconds / 2 {
                held[index].visibilitySetAt = now
                actions.append(.changeVisibility(held[index].receipt, timeoutSeconds: settings.visibilityTimeoutSeconds))
            }
        }
        for id in missing {
            if let index = held.firstIndex(where: { $0.job.id == id }) {
                drop(at: index, into: &actions)
                dropped = true
            }
        }
        if dropped {
            lastBusyAt = now
            afterSlotChange(at: now, into: &actions)
        }
    }

    /// A timer fired. Fires at any time other than the one last scheduled are ignored.
    public mutating func timerFired(_ timer: WorkerTimer, at now: Seconds, into actions: inout [WorkerAction]) {
        let slot = Self.slot(timer)
        guard !terminated, due[slot] == now else { return }
        due[slot] = nil
        switch timer {
        case .poll:
            requestWork(at: now, into: &actions)
            if !draining { schedule(.poll, at: now + settings.pollIntervalSeconds, into: &actions) }
        case .heartbeat:
            if !held.isEmpty { actions.append(.refreshHeldJobs(held.map(\.job.id))) }
            schedule(.heartbeat, at: now + settings.heartbeatIntervalSeconds, into: &actions)
        case .idleCheck:
            // One deadline for both the test and the next check, so rounding
            // can never schedule a check at the time it fired.
            let idle = held.isEmpty && pendingLoads == 0
            let deadline = lastBusyAt + settings.idleShutdownSeconds
            if idle && now >= deadline {
                terminate(into: &actions)
            } else {
                schedule(.idleCheck, at: idle ? deadline : now + settings.idleShutdownSeconds, into: &actions)
            }
        }
    }

    /// The instance was asked to stop: take no new work, finish what is held,
    /// then terminate.
    public mutating func drain(at now: Seconds, into actions: inout [WorkerAction]) {
        guard !terminated, !draining else { return }
        draining = true
        if receiving {
            receiving = false
            actions.append(.cancelReceive)
        }
        if held.isEmpty && pendingLoads == 0 { terminate(into: &actions) }
    }

    /// The worker is shutting down now (SIGTERM in the live runtime): abort
    /// held jobs, store them PENDING again (``EncodingJob/release(at:)``) and
    /// hand their messages back, so another worker starts them at once.
    public mutating func release(at now: Seconds, into actions: inout [WorkerAction]) {
        guard !terminated else { return }
        for item in held {
            actions.append(.abortPhase(item.job.id))
            var job = item.job
            if (try? job.release(at: now)) != nil {
                actions.append(.storeJob(job))
                actions.append(.announceStateChange(job.id))
            }
            if !settings.deleteOnReceive { actions.append(.changeVisibility(item.receipt, timeoutSeconds: 0)) }
        }
        held.removeAll()
        draining = true
        terminate(into: &actions)
    }

    // MARK: - Helpers

    private mutating func discard(_ message: QueueMessage, into actions: inout [WorkerAction]) {
        if !settings.deleteOnReceive { actions.append(.deleteMessage(message.receiptHandle)) }
    }

    private mutating func drop(at index: Int, into actions: inout [WorkerAction]) {
        let item = held.remove(at: index)
        actions.append(.abortPhase(item.job.id))
        if !settings.deleteOnReceive { actions.append(.deleteMessage(item.receipt)) }
    }

    /// A slot was freed or a message set aside: ask for more work, or finish draining.
    private mutating func afterSlotChange(at now: Seconds, into actions: inout [WorkerAction]) {
        if draining {
            if held.isEmpty && pendingLoads == 0 { terminate(into: &actions) }
        } else {
            requestWork(at: now, into: &actions)
        }
    }

    /// Asks the queue for work if a slot is free and no receive is outstanding.
    /// Short polling also keeps a poll timer running every `pollIntervalSeconds`.
    private mutating func requestWork(at now: Seconds, into actions: inout [WorkerAction]) {
        guard !draining, !terminated, !receiving else { return }
        let free = freeSlots
        guard free > 0 else { return }
        receiving = true
        actions.append(.receive(max: min(free, maximumReceiveBatch),
                                waitSeconds: settings.longPoll ? 20 : 0,
                                visibilityTimeoutSeconds: settings.visibilityTimeoutSeconds))
    }

    private mutating func terminate(into actions: inout [WorkerAction]) {
        guard !terminated else { return }
        terminated = true
        if receiving {
            receiving = false
            actions.append(.cancelReceive)
        }
        actions.append(.terminateSelf)
    }

    private mutating func schedule(_ timer: WorkerTimer, at time: Seconds, into actions: inout [WorkerAction]) {
        due[Self.slot(timer)] = time
        actions.append(.schedule(timer, at: time))
    }

    private static func slot(_ timer: WorkerTimer) -> Int {
        switch timer {
        case .poll: return 0
        case .heartbeat: return 1
        case .idleCheck: return 2
        }
    }
}
