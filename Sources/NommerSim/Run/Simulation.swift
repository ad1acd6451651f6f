import DequeModule
import NommerConfig
import NommerCore

/// One run of a scenario: the core's feeder and workers, driven in virtual
/// time against simulated SQS, SimpleDB and EC2.
///
/// The driver owns the clock and the event queue; the state machines decide
/// and the driver carries their actions out synchronously. A run is a pure
/// function of the scenario and its seed: the same inputs give the same
/// result, byte for byte. Not thread-safe: one run per thread.
public final class Simulation {
    public let scenario: Scenario

    // Virtual time and the future.
    var clock: Seconds = 0
    var events = EventQueue()
    var eventsProcessed = 0

    // Simulated services.
    var newJobs = SimulatedQueue(name: "jobs")
    var stateChanges = SimulatedQueue(name: "states")
    var store: SimulatedJobStore
    var fleet: SimulatedFleet

    // The core.
    var feeder: FeederStateMachine
    /// Workers by instance index; nil before boot and after termination.
    var workers: [WorkerStateMachine?] = []
    /// Long-polling workers waiting for a message, oldest first (entries whose
    /// `parkedReceive` is nil are stale).
    var longPollers = Deque<Int>()
    /// The receive a parked worker is waiting on: (max, visibility timeout).
    var parkedReceive: [(max: Int, visibilityTimeoutSeconds: Seconds)?] = []
    var wakeScheduled = false

    // Workload.
    let random: RandomSources
    var arrivalGenerator: ArrivalGenerator
    let downloadSampler: DurationSampler
    let encodeSampler: DurationSampler
    let uploadSampler: DurationSampler
    let bootSampler: DurationSampler
    var arrivalsDone = false
    /// When arrivals stop (known up front for a duration, at the last arrival for a job count).
    var arrivalEnd: Seconds
    let warmupSeconds: Seconds

    // Measurements.
    var submitted = 0
    var finished = 0
    var errored = 0
    var abandoned = 0
    var restarts = 0
    var lastFinishAt: Seconds = 0
    var wait = LatencyRecorder()
    var turnaround = LatencyRecorder()
    var busySlots = 0
    var busySlotSeconds: Double = 0
    var busySince: Seconds = 0

    // Reused action buffers, so the hot path does not allocate per event.
    var feederBuffers: [[FeederAction]] = []
    var workerBuffers: [[WorkerAction]] = []

    /// What every simulated job of this run asks for (shared by all of them;
    /// one per run, because runs on other threads retaining one shared object
    /// would contend on its reference count).
    let jobTemplate = EncodingJob(id: JobID("template"), sourceURI: "s3://nommer-sim/source",
                                  destinationURI: "s3://nommer-sim/destination", nommer: "sim", createdAt: 0)

    public init(scenario: Scenario) {
        self.scenario = scenario
        random = RandomSources(seed: scenario.seed)
        store = SimulatedJobStore(eventualConsistencySeconds: scenario.store.eventualConsistencySeconds,
                                  finishedRetentionSeconds: scenario.store.finishedRetentionSeconds)
        fleet = SimulatedFleet(billing: scenario.fleet.billing, quota: scenario.fleet.instanceQuota)
        feeder = scenario.makeFeederStateMachine()
        arrivalGenerator = ArrivalGenerator(scenario.workload.arrivals)
        downloadSampler = DurationSampler(scenario.workload.downloadSeconds)
        encodeSampler = DurationSampler(scenario.workload.encodeSeconds)
        uploadSampler = DurationSampler(scenario.workload.uploadSeconds)
        bootSampler = DurationSampler(scenario.fleet.bootSeconds)
        switch scenario.horizon {
        case let .hours(hours): arrivalEnd = hours * 3600
        case .jobs: arrivalEnd = .infinity
        }
        warmupSeconds = scenario.statistics.warmupHours * 3600
    }

    /// Runs the scenario to its end and returns what it measured.
    /// `progress` is called every 2^20 events.
    public func run(progress: ((SimulationProgress) -> Void)? = nil) -> SimulationResult {
        withFeeder { feeder, actions in feeder.start(at: 0, into: &actions) }
        scheduleNextArrival(after: 0)
        let drainLimit = scenario.drain ? scenario.maxDrainHours * 3600 : 0
        var endTime: Seconds = 0
        while let entry = events.next() {
            if arrivalsDone && entry.time > arrivalEnd + drainLimit {
                endTime = arrivalEnd + drainLimit
                break
            }
            clock = entry.time
            eventsProcessed += 1
            handle(entry.event)
            if arrivalsDone && scenario.drain && unfinishedJobs == 0 && clock >= arrivalEnd {
                endTime = max(arrivalEnd, lastFinishAt)
                break
            }
            if let progress, eventsProcessed & 0xF_FFFF == 0 {
                progress(currentProgress)
            }
            endTime = clock
        }
        return result(endingAt: endTime)
    }

    /// Jobs submitted and not yet in a finished state.
    var unfinishedJobs: Int { submitted - finished - errored - abandoned }

    private var currentProgress: SimulationProgress {
        var planned: Int? = nil
        var plannedSeconds: Seconds? = nil
        switch scenario.horizon {
        case let .jobs(count): planned = count
        case let .hours(hours): plannedSeconds = hours * 3600
        }
        return SimulationProgress(simulatedSeconds: clock, events: eventsProcessed, submitted: submitted,
                                  plannedJobs: planned, plannedSeconds: plannedSeconds)
    }

    private func handle(_ event: SimulationEvent) {
        switch event {
        case .arrival:
            arrive()
        case let .feederTimer(timer):
            withFeeder { feeder, actions in feeder.timerFired(timer, at: clock, into: &actions) }
        case let .workerTimer(instance, timer):
            withWorker(instance) { worker, actions in worker.timerFired(timer, at: clock, into: &actions) }
        case let .instanceBooted(instance):
            boot(instance)
        case let .phaseDone(instance, job, attempt, phase, outcome):
            withWorker(instance) { worker, actions in
                guard worker.held.contains(where: { $0.job.id == job && $0.job.attempts == attempt }) else { return }
                worker.phaseCompleted(job, phase: phase, outcome: outcome, at: clock, into: &actions)
            }
        case let .instanceFailed(instance):
            fail(instance)
        case .wakeLongPollers:
            wakeScheduled = false
            wakeLongPollers()
        }
    }

    // MARK: - Arrivals

    private func arrive() {
        submitted += 1
        let job = EncodingJob(id: JobID("j\(submitted)"), like: jobTemplate, createdAt: clock)
        withFeeder { feeder, actions in feeder.submit(job, at: clock, into: &actions) }
        if case let .jobs(count) = scenario.horizon, submitted >= count {
            arrivalsDone = true
            arrivalEnd = clock
            return
        }
        scheduleNextArrival(after: clock)
    }

    private func scheduleNextArrival(after time: Seconds) {
        guard let next = arrivalGenerator.nextArrival(after: time, random.arrivals), next <= arrivalEnd else {
            arrivalsDone = true
            if case .jobs = scenario.horizon { arrivalEnd = time }
            return
        }
        events.schedule(.arrival, at: next)
    }

    // MARK: - Job records and the measurements taken from them

    /// Writes a record to the store and measures the change it makes.
    func putJob(_ job: EncodingJob) {
        let old: EncodingJob?
        do {
            old = try store.put(job, at: clock)
        } catch {
            return
        }
        switch job.state {
        case .downloading:
            guard let old, job.attempts > old.attempts else { break } // a heartbeat, not a start
            if job.attempts == 1 {
                if job.createdAt >= warmupSeconds { wait.record(clock - job.createdAt) }
            } else {
                restarts += 1
            }
        case .finished, .error, .abandoned:
            if let old, old.isFinished { break }
            switch job.state {
            case .finished: finished += 1
            case .error: errored += 1
            default: abandoned += 1
            }
            lastFinishAt = clock
            if job.createdAt >= warmupSeconds { turnaround.record(clock - job.createdAt) }
        default:
            break
        }
    }

    // MARK: - Results

    private func result(endingAt end: Seconds) -> SimulationResult {
        newJobs.finish(at: end)
        accumulateBusy()
        let totals = fleet.totals(at: end)
        let slots = Double(scenario.worker.jobsPerInstance)
        let utilization = totals.runningSeconds > 0 ? min(1, busySlotSeconds / (totals.runningSeconds * slots)) : 0
        return SimulationResult(
            scenario: scenario.name,
            seed: scenario.seed,
            policy: scenario.policy.name,
            jobs: .init(submitted: submitted, finished: finished, error: errored, abandoned: abandoned,
                        unfinished: unfinishedJobs, restarts: restarts),
            waitSeconds: wait.summary,
            turnaroundSeconds: turnaround.summary,
            fleet: .init(peakInstances: fleet.peakInstances, instancesLaunched: fleet.launched,
                         instanceFailures: fleet.failed, instanceHours: totals.billedHours,
                         costUSD: totals.billedHours * scenario.fleet.billing.pricePerHour,
                         utilization: utilization),
            queue: .init(meanVisible: end > 0 ? newJobs.visibleArea / end : 0,
                         redeliveries: newJobs.redeliveries, duplicates: newJobs.duplicatesDelivered,
                         refusedWrites: store.refusedWrites),
            simulatedSeconds: end,
            events: eventsProcessed)
    }

    func accumulateBusy() {
        busySlotSeconds += Double(busySlots) * (clock - busySince)
        busySince = clock
    }
}
