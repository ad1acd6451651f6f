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
///
/// Stored state is marked `@exclusivity(unchecked)`: Swift otherwise checks
/// every access to a class's stored property at run time (a thread-local
/// access set; 8% of an M/M/16 run). A run is single-threaded, and no method
/// holds an `inout` access to a property while calling code that touches the
/// same property (actions are moved out into locals first; workers live in
/// slot objects of their own, see ``WorkerSlot``), so
/// the checks never fire; the compile-time checks still apply.
public final class Simulation {
    public let scenario: Scenario

    // Virtual time and the future.
    @exclusivity(unchecked) var clock: Seconds = 0
    @exclusivity(unchecked) var events = EventQueue()
    /// Payloads of scheduled phase-done events.
    @exclusivity(unchecked) var phaseReports = PhaseReports()
    @exclusivity(unchecked) var eventsProcessed = 0

    // Simulated services.
    @exclusivity(unchecked) var newJobs = SimulatedQueue(name: "jobs")
    @exclusivity(unchecked) var stateChanges = SimulatedQueue(name: "states")
    @exclusivity(unchecked) var store: SimulatedJobStore
    var fleet: SimulatedFleet

    // The core.
    @exclusivity(unchecked) var feeder: FeederStateMachine
    /// Workers by instance index, from boot to termination (a sliding
    /// window, so memory follows the live fleet, not every instance launched).
    @exclusivity(unchecked) var workers = SequentialTable<WorkerSlot>()
    /// Long-polling workers waiting for a message, oldest first (entries whose
    /// `parkedReceive` is nil are stale).
    @exclusivity(unchecked) var longPollers = Deque<Int>()
    /// The receive a parked worker is waiting on: (max, visibility timeout).
    @exclusivity(unchecked) var parkedReceive = SequentialTable<(max: Int, visibilityTimeoutSeconds: Seconds)>()
    @exclusivity(unchecked) var wakeScheduled = false

    // Workload.
    let random: RandomSources
    @exclusivity(unchecked) var arrivals: ArrivalSource
    /// The workload replayed instead of the scenario's arrivals, if any.
    let replay: ReplayWorkload?
    /// One entry per job, when the run was asked to keep them.
    @exclusivity(unchecked) public internal(set) var jobLog: JobLog?
    let downloadSampler: DurationSampler
    let encodeSampler: DurationSampler
    let uploadSampler: DurationSampler
    let bootSampler: DurationSampler
    @exclusivity(unchecked) var arrivalsDone = false
    /// When arrivals stop (known up front for a duration, at the last arrival for a job count).
    @exclusivity(unchecked) var arrivalEnd: Seconds
    let warmupSeconds: Seconds

    // Measurements.
    @exclusivity(unchecked) var submitted = 0
    @exclusivity(unchecked) var finished = 0
    @exclusivity(unchecked) var errored = 0
    @exclusivity(unchecked) var abandoned = 0
    @exclusivity(unchecked) var restarts = 0
    @exclusivity(unchecked) var lastFinishAt: Seconds = 0
    @exclusivity(unchecked) var wait = LatencyRecorder()
    @exclusivity(unchecked) var turnaround = LatencyRecorder()
    @exclusivity(unchecked) var busySlots = 0
    @exclusivity(unchecked) var busySlotSeconds: Double = 0
    @exclusivity(unchecked) var busySince: Seconds = 0
    /// Samples of queue depth and fleet size, when `statistics.sample_interval_seconds` > 0.
    public internal(set) var timeSeries: [TimeSeriesSample] = []

    // Reused action buffers, so the hot path does not allocate per event.
    @exclusivity(unchecked) var feederBuffers: [[FeederAction]] = []
    @exclusivity(unchecked) var workerBuffers: [[WorkerAction]] = []
    /// A reused buffer for records read in a batch (see ``readJobs(_:consistent:_:)``).
    @exclusivity(unchecked) var recordBuffer: [EncodingJob] = []

    /// What every simulated job of this run asks for (shared by all of them;
    /// one per run, because runs on other threads retaining one shared object
    /// would contend on its reference count).
    let jobTemplate = EncodingJob(id: JobID("template"), sourceURI: "s3://nommer-sim/source",
                                  destinationURI: "s3://nommer-sim/destination", nommer: "sim", createdAt: 0)

    /// A run of `scenario`; with `replay`, its jobs arrive at the replayed
    /// times instead of the scenario's arrival process (the horizon still
    /// applies); with `logJobs`, ``jobLog`` keeps one entry per job.
    public init(scenario: Scenario, replay: ReplayWorkload? = nil, logJobs: Bool = false) {
        self.scenario = scenario
        random = RandomSources(seed: scenario.seed)
        store = SimulatedJobStore(eventualConsistencySeconds: scenario.store.eventualConsistencySeconds,
                                  finishedRetentionSeconds: scenario.store.finishedRetentionSeconds)
        fleet = SimulatedFleet(billing: scenario.fleet.billing, quota: scenario.fleet.instanceQuota)
        feeder = scenario.makeFeederStateMachine()
        arrivals = ArrivalSource(scenario: scenario.workload.arrivals, replay: replay)
        self.replay = replay
        jobLog = logJobs ? JobLog() : nil
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
        startSampling()
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
        case let .phaseDone(instance, slot):
            guard let report = phaseReports.take(slot) else { return }
            withWorker(instance) { worker, actions in
                guard worker.held.contains(where: { $0.job.id == report.job && $0.job.attempts == report.attempt }) else { return }
                worker.phaseCompleted(report.job, phase: report.phase, outcome: report.outcome, at: clock, into: &actions)
            }
        case let .instanceFailed(instance):
            fail(instance)
        case .wakeLongPollers:
            wakeScheduled = false
            wakeLongPollers()
        case .sample:
            takeSample()
        }
    }

    // MARK: - Arrivals

    private func arrive() {
        submitted += 1
        let job = EncodingJob(id: JobID(serialNumber: UInt64(submitted)), like: jobTemplate, createdAt: clock)
        jobLog?.arrived(job.id, at: clock)
        withFeeder { feeder, actions in feeder.submit(job, at: clock, into: &actions) }
        if case let .jobs(count) = scenario.horizon, submitted >= count {
            arrivalsDone = true
            arrivalEnd = clock
            return
        }
        scheduleNextArrival(after: clock)
    }

    private func scheduleNextArrival(after time: Seconds) {
        guard let next = arrivals.nextArrival(after: time, random.arrivals), next <= arrivalEnd else {
            arrivalsDone = true
            if case .jobs = scenario.horizon { arrivalEnd = time }
            return
        }
        events.schedule(.arrival, at: next)
    }

    // MARK: - Job records and the measurements taken from them

    /// Writes a record to the store and measures the change it makes.
    func putJob(_ job: consuming EncodingJob) {
        let id = job.id, state = job.state, attempts = job.attempts, createdAt = job.createdAt
        let old: SimulatedJobStore.Replaced?
        do {
            old = try store.put(job, at: clock)
        } catch {
            return
        }
        switch state {
        case .downloading:
            guard let old, attempts > old.attempts else { break } // a heartbeat, not a start
            if attempts == 1 {
                if createdAt >= warmupSeconds { wait.record(clock - createdAt) }
            } else {
                restarts += 1
            }
        case .finished, .error, .abandoned:
            if let old, old.state.isFinished { break }
            switch state {
            case .finished: finished += 1
            case .error: errored += 1
            default: abandoned += 1
            }
            lastFinishAt = clock
            jobLog?.ended(id, in: state)
            if createdAt >= warmupSeconds { turnaround.record(clock - createdAt) }
        default:
            break
        }
    }

    /// Reads the records of `ids` into a reused buffer and hands them (and
    /// the ids the store lacks) to `body`: no allocation per batch read.
    @inline(__always)
    func readJobs(_ ids: [JobID], consistent: Bool, _ body: ([EncodingJob], [JobID]) -> Void) {
        var records: [EncodingJob] = []
        swap(&records, &recordBuffer)
        var missing: [JobID] = []
        store.get(ids, consistent: consistent, at: clock, into: &records, missing: &missing)
        body(records, missing)
        records.removeAll(keepingCapacity: true)
        recordBuffer = records
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
