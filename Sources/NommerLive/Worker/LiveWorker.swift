import Foundation
import Logging
import NommerCore

/// ec2nommerd's driver: runs the core's ``WorkerStateMachine`` in real time
/// on one instance. It receives from the new-job queue (long polling in a
/// background task), loads and stores records, announces state changes, runs
/// each phase with the job's ``Nommer`` from the registry, heartbeats, reports
/// a nommer that stops calling its progress callback as stalled, and
/// terminates its instance when the machine says so (idle, or drained).
///
/// Shutdown (SIGTERM): ``drain()`` takes no new work and lets held jobs
/// finish; ``release()`` aborts them and hands their messages back at once.
public final class LiveWorker: Sendable {
    /// Settings of the driver itself (the machine's are ``WorkerSettings``).
    public struct Options: Sendable {
        /// A phase whose nommer has not called back for this long is stalled, in seconds.
        public var stallAfterSeconds: Seconds = 300
        /// How often the worker tells its instance it is alive, in seconds.
        public var livenessIntervalSeconds: Seconds = 2
        /// Where this worker's job workspaces go (one folder per job and
        /// attempt); the worker deletes any folder there it does not hold.
        public var workspaceRoot: String

        public init(workspaceRoot: String) { self.workspaceRoot = workspaceRoot }

        /// The workspace root of instance `id`'s worker in a data directory:
        /// `DATA_DIR/workspaces/ID` (the fleet removes it when the worker dies).
        public static func workspaceRoot(dataDirectory: String, instance id: String) -> String {
            (dataDirectory as NSString).appendingPathComponent("workspaces/\(id)")
        }
    }

    enum Input: Sendable {
        case timer(WorkerTimer, at: Seconds)
        case received(token: Int, messages: [QueueMessage])
        case phaseDone(JobID, token: Int, phase: WorkPhase, outcome: PhaseOutcome)
        case drain
        case release
    }

    let backend: any LiveBackend
    let instance: any WorkerInstance
    let nommers: NommerRegistry
    let clock: any LiveClock
    let logger: Logger
    let retry: BackendRetryPolicy
    let options: Options
    /// Every event and the actions it gave, when given.
    public let transcript: WorkerTranscript?
    private let channel = EventChannel<Input>()
    private let state: WorkerLoopState
    private let runs = PhaseRuns()

    public init(machine: WorkerStateMachine, backend: any LiveBackend, instance: any WorkerInstance,
                nommers: NommerRegistry, options: Options, clock: any LiveClock = SystemClock(),
                logger: Logger = Logger(label: "nommer.worker"), retry: BackendRetryPolicy = BackendRetryPolicy(),
                transcript: WorkerTranscript? = nil) {
        self.backend = backend
        self.instance = instance
        self.nommers = nommers
        self.options = options
        self.clock = clock
        self.logger = logger
        self.retry = retry
        self.transcript = transcript
        self.state = WorkerLoopState(machine: machine, cancelsReceives: !backend.newJobQueue.cancelledReceiveMayTakeMessages)
    }

    /// Runs until the machine terminates its instance (idle, drained or
    /// released). Returns the reason.
    @discardableResult
    public func run() async -> String {
        _ = await call("instanceStarted", { () async throws(BackendError) in try await self.instance.started() })
        let liveness = Task { [instance, options] in
            while !Task.isCancelled {
                try? await instance.alive()
                try? await Task.sleep(nanoseconds: UInt64(options.livenessIntervalSeconds * 1e9))
            }
        }
        defer { liveness.cancel() }
        logger.info("worker started", metadata: ["instance": "\(instance.id)", "nommers": "\(nommers.names)"])
        await handle(.start, at: clock.now())
        for await input in channel.stream {
            if state.machine.terminated { break }
            switch input {
            case let .timer(timer, at):
                if timer == .heartbeat { reportStalls() }
                await handle(.timerFired(timer), at: at)
            case let .received(token, messages):
                if state.receiveToken == token {
                    state.receiveFinished()
                    await handle(.messagesReceived(messages), at: clock.now())
                } else {
                    await handBack(messages) // The receive was cancelled: nobody wants these.
                }
            case let .phaseDone(id, token, phase, outcome):
                guard runs.finish(id, token: token) != nil else { break }
                await handle(.phaseCompleted(id, phase: phase, outcome: outcome), at: clock.now())
            case .drain:
                logger.info("draining: finishing held jobs, taking no more")
                await handle(.drain, at: clock.now())
            case .release:
                logger.info("releasing held jobs")
                await handle(.release, at: clock.now())
            }
            removeIdleWorkspaces()
            if state.machine.terminated { break }
        }
        for receive in state.cancelAll() { await receive.value }
        runs.abortAll()
        let reason = state.terminationReason
        _ = await call("instanceTerminate", { () async throws(BackendError) in
            try await self.instance.terminate(reason: reason)
        })
        logger.info("worker terminated", metadata: ["reason": "\(reason)"])
        return reason
    }

    /// Finish held jobs, take no new ones, then terminate (SIGTERM).
    public func drain() {
        state.setReason("drained")
        channel.post(.drain)
    }

    /// Abort held jobs and hand their messages back now, then terminate.
    public func release() {
        state.setReason("released")
        channel.post(.release)
    }

    // MARK: - Events and actions

    private func handle(_ event: WorkerEvent, at now: Seconds) async {
        var actions: [WorkerAction] = []
        feed(event, at: now, into: &actions)
        var index = 0
        while index < actions.count {
            let action = actions[index]
            index += 1
            await perform(action, into: &actions)
        }
    }

    private func feed(_ event: WorkerEvent, at now: Seconds, into actions: inout [WorkerAction]) {
        let before = actions.count
        state.withMachine { event.apply(to: &$0, at: now, into: &actions) }
        transcript?.record(event, at: now, actions: actions[before...])
    }

    private func perform(_ action: WorkerAction, into actions: inout [WorkerAction]) async {
        switch action {
        case let .receive(max, waitSeconds, visibility):
            let token = state.beginReceive()
            let queue = backend.newJobQueue
            let task = Task { [channel, logger, retry, state] in
                let messages: [QueueMessage]
                do {
                    messages = try await withRetries(retry, operation: "receive", logger: logger) { () async throws(BackendError) in
                        try await queue.receive(max: max, visibilityTimeoutSeconds: visibility, waitSeconds: waitSeconds)
                    }
                } catch {
                    logger.error("receive failed", metadata: ["error": "\(error)"])
                    // Wait a little before the machine asks again.
                    try? await Task.sleep(nanoseconds: 500_000_000)
                    messages = []
                }
                if state.receiveToken == token {
                    channel.post(.received(token: token, messages: messages))
                } else {
                    // Cancelled (the worker is stopping): make them visible again at once.
                    for message in messages {
                        try? await queue.changeVisibility(message.receiptHandle, timeoutSeconds: 0)
                    }
                }
            }
            state.setReceiveTask(task)
        case .cancelReceive:
            state.cancelReceive()
        case let .loadJob(message):
            // A lost load would leave a slot taken forever: retry transient
            // failures until shutdown; an unreadable record counts as missing.
            let result: EncodingJob?
            do {
                result = try await withRetries(.untilCancelled, operation: "loadJob", logger: logger) { () async throws(BackendError) in
                    try await self.backend.store.get(message.jobID, consistent: true)
                }
            } catch {
                logger.error("job record unreadable: its message is dropped",
                             metadata: ["job": "\(message.jobID)", "error": "\(error)"])
                result = nil
            }
            feed(.jobLoaded(result, for: message), at: clock.now(), into: &actions)
        case let .storeJob(job):
            _ = await call("putJob", { () async throws(BackendError) in try await self.backend.store.put(job) })
            if job.state != .pending {
                logger.info("job state", metadata: ["job": "\(job.id)", "state": "\(job.state.rawValue)",
                                                    "attempt": "\(job.attempts)"])
            }
        case let .announceStateChange(id):
            _ = await call("announce", { () async throws(BackendError) in try await self.backend.stateChangeQueue.send(id) })
        case let .startPhase(phase, job):
            startPhase(phase, of: job)
        case let .abortPhase(id):
            runs.abort(id)
        case let .deleteMessage(receipt):
            _ = await call("deleteMessage", { () async throws(BackendError) in try await self.backend.newJobQueue.delete(receipt) })
        case let .changeVisibility(receipt, timeout):
            _ = await call("changeVisibility", { () async throws(BackendError) in
                try await self.backend.newJobQueue.changeVisibility(receipt, timeoutSeconds: timeout)
            })
        case let .refreshHeldJobs(ids):
            var records: [EncodingJob] = []
            var missing: [JobID] = []
            for id in ids {
                switch await call("refreshJob", { () async throws(BackendError) in
                    try await self.backend.store.get(id, consistent: true)
                }) {
                case let .some(.some(job)): records.append(job)
                case .some(.none): missing.append(id)
                case .none: break
                }
            }
            feed(.heldJobsRefreshed(records, missing: missing), at: clock.now(), into: &actions)
        case let .schedule(timer, at):
            state.schedule(timer, at: at, clock: clock) { [channel] in channel.post(.timer(timer, at: at)) }
        case .terminateSelf:
            state.setReason(state.machine.draining ? state.terminationReason : "idle")
            channel.finish()
        }
    }

    /// Starts `phase` of `job` with its nommer in a task of its own.
    private func startPhase(_ phase: WorkPhase, of job: EncodingJob) {
        let token = runs.makeToken()
        let id = job.id
        let workspace = workspacePath(for: job)
        let started = clock.now()
        guard let nommer = nommers.nommer(named: job.nommer) else {
            let names = nommers.names.joined(separator: ", ")
            let task = Task<Void, Never> {}
            runs.add(id, .init(token: token, phase: phase, task: task, lastProgressAt: started))
            channel.post(.phaseDone(id, token: token, phase: phase,
                                    outcome: .failed(details: "unknown nommer \"\(job.nommer)\" (this worker has: \(names))")))
            return
        }
        try? FileManager.default.createDirectory(atPath: workspace, withIntermediateDirectories: true)
        let runs = self.runs, clock = self.clock, channel = self.channel
        let task = Task {
            let outcome = await nommer.run(phase, of: job, workspace: workspace, progress: {
                runs.progressed(id, token: token, at: clock.now())
            })
            guard !Task.isCancelled else { return }
            channel.post(.phaseDone(id, token: token, phase: phase, outcome: outcome))
        }
        runs.add(id, .init(token: token, phase: phase, task: task, lastProgressAt: started))
    }

    /// Tells the machine about phases whose nommer stopped making progress.
    private func reportStalls() {
        for id in runs.newlyStalled(at: clock.now(), thresholdSeconds: options.stallAfterSeconds) {
            logger.warning("nommer stalled", metadata: ["job": "\(id)"])
            var ignored: [WorkerAction] = []
            feed(.nommerStalled(id), at: clock.now(), into: &ignored)
        }
    }

    /// Messages a cancelled receive got after all: make them visible again.
    private func handBack(_ messages: [QueueMessage]) async {
        for message in messages {
            _ = await call("changeVisibility", { () async throws(BackendError) in
                try await self.backend.newJobQueue.changeVisibility(message.receiptHandle, timeoutSeconds: 0)
            })
        }
    }

    private func workspacePath(for job: EncodingJob) -> String {
        (options.workspaceRoot as NSString).appendingPathComponent("\(job.id.rawValue)-a\(job.attempts)")
    }

    /// Deletes the workspaces of jobs this worker no longer holds.
    private func removeIdleWorkspaces() {
        let held = Set(state.machine.held.map { "\($0.job.id.rawValue)-a\($0.job.attempts)" })
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: options.workspaceRoot) else { return }
        for name in names where !held.contains(name) {
            try? FileManager.default.removeItem(atPath: (options.workspaceRoot as NSString).appendingPathComponent(name))
        }
    }

    private func call<T: Sendable>(_ operation: String, _ body: () async throws(BackendError) -> T) async -> T? {
        do {
            return try await withRetries(retry, operation: operation, logger: logger, body)
        } catch {
            logger.error("backend call failed", metadata: ["operation": "\(operation)", "error": "\(error)"])
            return nil
        }
    }
}
