import Logging
import NommerCore

/// feederd's driver: runs the core's ``FeederStateMachine`` in real time
/// against a ``LiveBackend``. Timers sleep until the time the machine asked
/// for; every ``FeederAction`` is performed against the backend's ports, and
/// its result is fed back as a ``FeederEvent``. Every job whose state change
/// it loads is handed to the ``JobNotifier``.
///
/// One loop handles one event at a time (see ``EventChannel``); backend
/// calls that fail transiently are retried with backoff, other failures are
/// logged and the machine is told nothing (it asks again at its next timer).
public final class LiveFeeder: Sendable {
    enum Input: Sendable {
        case timer(FeederTimer, at: Seconds)
        case stop
    }

    let backend: any LiveBackend
    let clock: any LiveClock
    let notifier: (any JobNotifier)?
    let logger: Logger
    let retry: BackendRetryPolicy
    /// How long a received state-change message stays hidden, in seconds
    /// (it comes back if feederd dies before deleting it).
    let stateChangeVisibilitySeconds: Seconds
    /// Every event and the actions it gave, when given.
    public let transcript: FeederTranscript?
    private let channel = EventChannel<Input>()
    private let state: FeederLoopState

    /// - Parameters:
    ///   - machine: the core's feeder, built from the scenario's settings and policy.
    public init(machine: FeederStateMachine, backend: any LiveBackend, clock: any LiveClock = SystemClock(),
                notifier: (any JobNotifier)? = nil, logger: Logger = Logger(label: "nommer.feeder"),
                retry: BackendRetryPolicy = BackendRetryPolicy(), stateChangeVisibilitySeconds: Seconds = 60,
                transcript: FeederTranscript? = nil) {
        self.backend = backend
        self.clock = clock
        self.notifier = notifier
        self.logger = logger
        self.retry = retry
        self.stateChangeVisibilitySeconds = stateChangeVisibilitySeconds
        self.transcript = transcript
        self.state = FeederLoopState(machine: machine)
    }

    /// Runs until ``stop()`` is called or the task is cancelled. Timers that
    /// are pending then are dropped; the event in progress is finished first.
    public func run() async {
        logger.info("feeder starting", metadata: ["backend": "\(backend.name)",
                                                  "policy": "\(state.machine.policy.name)"])
        await handle(.start, at: clock.now())
        loop: for await input in channel.stream {
            switch input {
            case let .timer(timer, at):
                await handle(.timerFired(timer), at: at)
            case .stop:
                channel.finish()
                break loop // Timers already posted are dropped.
            }
            if Task.isCancelled { break }
        }
        state.cancelTimers()
        logger.info("feeder stopped")
    }

    /// Stops the loop after the event in progress.
    public func stop() { channel.post(.stop) }

    /// Jobs the feeder's cache holds that are not finished.
    public var unfinishedJobs: Int { state.machine.cache.unfinishedCount }

    // MARK: - Events and actions

    private func handle(_ event: FeederEvent, at now: Seconds) async {
        var actions: [FeederAction] = []
        feed(event, at: now, into: &actions)
        var index = 0
        while index < actions.count {
            let action = actions[index]
            index += 1
            await perform(action, into: &actions)
        }
    }

    private func feed(_ event: FeederEvent, at now: Seconds, into actions: inout [FeederAction]) {
        let before = actions.count
        state.withMachine { event.apply(to: &$0, at: now, into: &actions) }
        transcript?.record(event, at: now, actions: actions[before...])
    }

    private func perform(_ action: FeederAction, into actions: inout [FeederAction]) async {
        switch action {
        case .loadUnfinishedJobs:
            // The cache must start complete: retry until it loads or the feeder stops.
            guard let jobs = await call("selectUnfinished", policy: .untilCancelled, { () async throws(BackendError) in
                try await self.backend.store.selectUnfinished()
            }) else { return }
            logger.info("unfinished jobs loaded", metadata: ["count": "\(jobs.count)"])
            feed(.unfinishedJobsLoaded(jobs), at: clock.now(), into: &actions)
        case let .schedule(timer, at):
            state.schedule(timer, at: at, clock: clock, channel: channel)
        case let .storeJob(job):
            _ = await call("putJob", { () async throws(BackendError) in try await self.backend.store.put(job) })
            if job.isFinished {
                // The feeder finished it (ABANDONED): no worker announces that.
                LiveMetrics.jobsEnded(job.state).increment()
                notifier?.jobChanged(job)
                logger.notice("job abandoned", metadata: ["job": "\(job.id)", "details": "\(job.stateDetails ?? "")"])
            }
        case let .enqueueNewJob(id):
            _ = await call("sendNewJob", { () async throws(BackendError) in try await self.backend.newJobQueue.send(id) })
        case let .receiveStateChanges(max):
            let visibility = stateChangeVisibilitySeconds
            let messages = await call("receiveStateChanges", { () async throws(BackendError) in
                try await self.backend.stateChangeQueue.receive(max: max, visibilityTimeoutSeconds: visibility, waitSeconds: 0)
            }) ?? []
            LiveMetrics.stateChanges.increment(by: messages.count)
            feed(.stateChangesReceived(messages), at: clock.now(), into: &actions)
        case let .loadJobs(ids, purpose):
            var records: [EncodingJob] = []
            var missing: [JobID] = []
            for id in ids {
                let loaded = await call("getJob", { () async throws(BackendError) in
                    try await self.backend.store.get(id, consistent: true)
                })
                switch loaded {
                case let .some(.some(job)): records.append(job)
                case .some(.none): missing.append(id)
                case .none: break // Unreadable now: the machine hears nothing of it.
                }
            }
            if purpose == .stateChange { announce(records) }
            feed(.jobsLoaded(records, missing: missing, purpose: purpose), at: clock.now(), into: &actions)
            LiveMetrics.unfinishedJobs.record(state.machine.cache.unfinishedCount)
        case let .deleteStateChanges(receipts):
            for receipt in receipts {
                _ = await call("deleteStateChange", { () async throws(BackendError) in
                    try await self.backend.stateChangeQueue.delete(receipt)
                })
            }
        case .observeFleet:
            guard let instances = await call("describeFleet", { () async throws(BackendError) in
                try await self.backend.fleet.describe()
            }), let counts = await call("countNewJobs", { () async throws(BackendError) in
                try await self.backend.newJobQueue.counts()
            }) else { return }
            for instanceState in InstanceState.allCases {
                LiveMetrics.instances(instanceState).record(instances.filter { $0.state == instanceState }.count)
            }
            LiveMetrics.queueVisible.record(counts.visible)
            LiveMetrics.queueInFlight.record(counts.inFlight)
            feed(.fleetObserved(FleetObservation(instances: instances, newJobQueue: counts)), at: clock.now(), into: &actions)
        case let .launchInstances(count):
            if let launched = await call("launch", { () async throws(BackendError) in
                try await self.backend.fleet.launch(count: count)
            }) {
                LiveMetrics.launches.increment(by: launched.count)
                logger.info("instances launched", metadata: ["asked": "\(count)", "ids": "\(launched.map(\.rawValue))"])
            }
        case let .terminateInstances(ids):
            if await call("terminate", { () async throws(BackendError) in try await self.backend.fleet.terminate(ids) }) != nil {
                LiveMetrics.terminations.increment(by: ids.count)
                logger.info("instances stopped", metadata: ["ids": "\(ids.map(\.rawValue))"])
            }
        }
    }

    /// Hands each loaded job whose state differs from the cache's copy to the notifier.
    private func announce(_ records: [EncodingJob]) {
        for job in records {
            let cached = state.machine.cache.job(job.id)
            guard cached?.state != job.state || cached?.stateDetails != job.stateDetails else { continue }
            if job.isFinished && !(cached?.isFinished ?? false) {
                LiveMetrics.jobsEnded(job.state).increment()
                logger.info("job ended", metadata: ["job": "\(job.id)", "state": "\(job.state.rawValue)"])
            }
            notifier?.jobChanged(job)
        }
    }

    /// Calls the backend with retries; logs and counts a failure and returns nil.
    private func call<T: Sendable>(_ operation: String, policy: BackendRetryPolicy? = nil,
                                   _ body: () async throws(BackendError) -> T) async -> T? {
        do {
            return try await withRetries(policy ?? retry, operation: operation, logger: logger, body)
        } catch {
            LiveMetrics.backendErrors(operation).increment()
            logger.error("backend call failed", metadata: ["operation": "\(operation)", "error": "\(error)"])
            return nil
        }
    }
}
