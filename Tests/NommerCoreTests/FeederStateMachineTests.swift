import NommerCore
import Testing

/// A policy that records the snapshots it is shown and answers with a fixed decision.
private struct RecordingPolicy: SpawnPolicy {
    var name: String { "recording" }
    var decision: FleetDecision = .hold
    var snapshots: [FleetSnapshot] = []
    mutating func decide(_ snapshot: FleetSnapshot) -> FleetDecision {
        snapshots.append(snapshot)
        return decision
    }
}

private func instance(_ id: String, _ state: InstanceState, launchedAt: Seconds) -> InstanceDescription {
    InstanceDescription(id: InstanceID(id), state: state, launchedAt: launchedAt)
}

private func messages(_ ids: [String]) -> [QueueMessage] {
    ids.enumerated().map { makeMessage($0.element, receipt: "sc-\($0.offset)") }
}

/// A feeder started at `now` (timers due at now + their intervals).
private func startedFeeder(_ settings: FeederSettings = FeederSettings(), policy: any SpawnPolicy = ClassicPolicy(),
                           at now: Seconds = 0) -> FeederStateMachine {
    var feeder = FeederStateMachine(settings: settings, policy: policy)
    _ = feeder.starting(at: now)
    return feeder
}

@Suite("FeederStateMachine: start, submit, timers")
struct FeederLifecycleTests {
    @Test("start loads the unfinished jobs and schedules the three timers at their intervals")
    func start() {
        var settings = FeederSettings()
        settings.stateCheckIntervalSeconds = 30
        settings.spawnIntervalSeconds = 45
        settings.pruneIntervalSeconds = 90
        var feeder = FeederStateMachine(settings: settings, policy: ClassicPolicy())
        #expect(feeder.starting(at: 100) == [
            .loadUnfinishedJobs,
            .schedule(.stateCheck, at: 130),
            .schedule(.spawn, at: 145),
            .schedule(.prune, at: 190),
        ])
    }

    @Test("the default intervals are media-nommer's: 60 s, 60 s, 300 s; abandon after 9 hours")
    func defaultSettings() {
        let settings = FeederSettings()
        #expect(settings.stateCheckIntervalSeconds == 60)
        #expect(settings.spawnIntervalSeconds == 60)
        #expect(settings.pruneIntervalSeconds == 300)
        #expect(settings.abandonAfterSeconds == 32400)
        #expect(settings.stateChangesPerCheck == nil)
        #expect(FeederSettings.original.stateChangesPerCheck == 10)
    }

    @Test("unfinished jobs loaded at start-up fill the cache")
    func unfinishedLoaded() {
        var feeder = startedFeeder()
        var actions: [FeederAction] = []
        feeder.unfinishedJobsLoaded([makeJob("a"), makeJob("b", state: .encoding), makeJob("c", state: .finished)],
                                    at: 1, into: &actions)
        #expect(actions.isEmpty)
        #expect(feeder.cache.unfinishedCount == 2)
        #expect(!feeder.cache.contains(JobID("c")))
    }

    @Test("submit stores the job, then enqueues its id, and the cache counts it")
    func submit() {
        var feeder = startedFeeder()
        let job = makeJob("new", createdAt: 5)
        #expect(feeder.submitting(job, at: 5) == [.storeJob(job), .enqueueNewJob(JobID("new"))])
        #expect(feeder.cache.job(JobID("new")) == job)
        #expect(feeder.cache.count(in: .pending) == 1)
        #expect(feeder.cache.unfinishedCount == 1)
    }

    @Test("a timer fired at a time other than the one scheduled is ignored")
    func staleTimerIgnored() {
        var feeder = startedFeeder(at: 0)
        #expect(feeder.fired(.stateCheck, at: 59) == [])
        #expect(feeder.fired(.stateCheck, at: 61) == [])
        #expect(feeder.fired(.prune, at: 60) == [])
        #expect(feeder.fired(.stateCheck, at: 60) != [])
        #expect(feeder.fired(.stateCheck, at: 60) == [])
    }

    @Test("the spawn timer asks to observe the fleet and reschedules itself")
    func spawnTimer() {
        var feeder = startedFeeder(at: 0)
        #expect(feeder.fired(.spawn, at: 60) == [.observeFleet, .schedule(.spawn, at: 120)])
    }

    @Test("cancel abandons an unfinished job with the reason and stores it")
    func cancelUnfinished() {
        var feeder = startedFeeder()
        _ = feeder.submitting(makeJob("a"), at: 0)
        let (job, actions) = feeder.cancelling(JobID("a"), reason: "client cancelled", at: 30)
        let expected = transitioned(makeJob("a"), to: .abandoned, details: "client cancelled", at: 30)
        #expect(job == expected)
        #expect(actions == [.storeJob(expected)])
        #expect(feeder.cache.job(JobID("a")) == expected)
        #expect(feeder.cache.unfinishedCount == 0)
    }

    @Test("cancel leaves a finished job alone and knows nothing of an unknown one")
    func cancelFinishedOrUnknown() {
        var feeder = startedFeeder()
        let done = makeJob("done", state: .finished)
        _ = feeder.loaded([done], purpose: .stateChange, at: 1)
        let (job, actions) = feeder.cancelling(JobID("done"), reason: "too late", at: 30)
        #expect(job == done)
        #expect(actions == [])
        let (unknown, none) = feeder.cancelling(JobID("nope"), reason: "?", at: 30)
        #expect(unknown == nil)
        #expect(none == [])
    }
}

@Suite("FeederStateMachine: state changes")
struct FeederStateChangeTests {
    @Test("the state-check timer asks for a batch of 10 and reschedules itself")
    func stateCheckAsksForTen() {
        var feeder = startedFeeder(at: 0)
        #expect(feeder.fired(.stateCheck, at: 60) == [.receiveStateChanges(max: 10), .schedule(.stateCheck, at: 120)])
    }

    @Test("a full batch of 10 leads to another receive when draining the queue")
    func fullBatchDrains() {
        var feeder = startedFeeder(at: 0)
        _ = feeder.fired(.stateCheck, at: 60)
        let ids = (0..<10).map { "j\($0)" }
        let batch = messages(ids)
        #expect(feeder.received(batch, at: 61) == [
            .loadJobs(ids.map(JobID.init), purpose: .stateChange),
            .deleteStateChanges(batch.map(\.receiptHandle)),
            .receiveStateChanges(max: 10),
        ])
    }

    @Test("with stateChangesPerCheck 10 (the original) a full batch ends the check")
    func originalOneBatchPerCheck() {
        var feeder = startedFeeder(.original, at: 0)
        #expect(feeder.fired(.stateCheck, at: 60) == [.receiveStateChanges(max: 10), .schedule(.stateCheck, at: 120)])
        let ids = (0..<10).map { "j\($0)" }
        let batch = messages(ids)
        #expect(feeder.received(batch, at: 61) == [
            .loadJobs(ids.map(JobID.init), purpose: .stateChange),
            .deleteStateChanges(batch.map(\.receiptHandle)),
        ])
        // The next check asks again.
        #expect(feeder.fired(.stateCheck, at: 120) == [.receiveStateChanges(max: 10), .schedule(.stateCheck, at: 180)])
    }

    @Test("a per-check limit that is not a multiple of 10 asks for the remainder")
    func perCheckRemainder() {
        var settings = FeederSettings()
        settings.stateChangesPerCheck = 15
        var feeder = startedFeeder(settings, at: 0)
        _ = feeder.fired(.stateCheck, at: 60)
        #expect(feeder.received(messages((0..<10).map { "a\($0)" }), at: 61).last == .receiveStateChanges(max: 5))
        #expect(feeder.received(messages((0..<5).map { "b\($0)" }), at: 62).count == 2)
    }

    @Test("a partial batch ends the check")
    func partialBatchStops() {
        var feeder = startedFeeder(at: 0)
        _ = feeder.fired(.stateCheck, at: 60)
        let batch = messages(["a", "b", "c"])
        #expect(feeder.received(batch, at: 61) == [
            .loadJobs([JobID("a"), JobID("b"), JobID("c")], purpose: .stateChange),
            .deleteStateChanges(batch.map(\.receiptHandle)),
        ])
    }

    @Test("an empty receive does nothing")
    func emptyReceive() {
        var feeder = startedFeeder(at: 0)
        _ = feeder.fired(.stateCheck, at: 60)
        #expect(feeder.received([], at: 61) == [])
    }

    @Test("a job named twice in one batch is loaded once; every message is deleted")
    func duplicatesLoadedOnce() {
        var feeder = startedFeeder(at: 0)
        _ = feeder.fired(.stateCheck, at: 60)
        let batch = messages(["a", "b", "a", "a"])
        #expect(feeder.received(batch, at: 61) == [
            .loadJobs([JobID("a"), JobID("b")], purpose: .stateChange),
            .deleteStateChanges([ReceiptHandle("sc-0"), ReceiptHandle("sc-1"), ReceiptHandle("sc-2"),
                                 ReceiptHandle("sc-3")]),
        ])
    }

    @Test("records loaded for state changes update the cache; missing ids are removed")
    func stateChangeRecordsUpdateCache() {
        var feeder = startedFeeder()
        _ = feeder.submitting(makeJob("a"), at: 0)
        _ = feeder.submitting(makeJob("b"), at: 0)
        let fresh = makeJob("a", state: .encoding, lastModifiedAt: 70, startedAt: 65, attempts: 1)
        #expect(feeder.loaded([fresh], missing: [JobID("b")], purpose: .stateChange, at: 75) == [])
        #expect(feeder.cache.job(JobID("a")) == fresh)
        #expect(!feeder.cache.contains(JobID("b")))
        #expect(feeder.cache.count(in: .encoding) == 1)
        #expect(feeder.cache.count(in: .pending) == 0)
    }

    @Test("a job seen finishing is recorded as a completion with its processing time")
    func completionRecorded() {
        var feeder = startedFeeder()
        _ = feeder.submitting(makeJob("a"), at: 0)
        _ = feeder.loaded([makeJob("a", state: .finished, lastModifiedAt: 400, startedAt: 100, attempts: 1)],
                          purpose: .stateChange, at: 410)
        #expect(feeder.completions.count == 1)
        #expect(feeder.completions.meanProcessingSeconds == 300)
        // Seen finished again: not counted twice.
        _ = feeder.loaded([makeJob("a", state: .finished, lastModifiedAt: 400, startedAt: 100, attempts: 1)],
                          purpose: .stateChange, at: 420)
        #expect(feeder.completions.count == 1)
    }
}

@Suite("FeederStateMachine: prune and abandon")
struct FeederPruneTests {
    /// Abandon after 1000 s; started at 1000, so the prune timer is due at 1300.
    private func pruningFeeder() -> FeederStateMachine {
        var settings = FeederSettings()
        settings.abandonAfterSeconds = 1000
        return startedFeeder(settings, at: 1000)
    }

    @Test("prune uncaches finished jobs and asks to re-read the stale ones")
    func pruneAsksToRereadStale() {
        var feeder = pruningFeeder()
        var none: [FeederAction] = []
        feeder.unfinishedJobsLoaded([
            makeJob("stale", state: .encoding, lastModifiedAt: 200),  // idle 1100 s
            makeJob("edge", state: .uploading, lastModifiedAt: 300),  // idle exactly 1000 s
            makeJob("fresh", lastModifiedAt: 1200),
        ], at: 1000, into: &none)
        _ = feeder.loaded([makeJob("done", state: .finished, lastModifiedAt: 0)], purpose: .stateChange, at: 1100)
        #expect(feeder.cache.contains(JobID("done")))

        #expect(feeder.fired(.prune, at: 1300) == [
            .loadJobs([JobID("stale")], purpose: .abandonCheck),
            .schedule(.prune, at: 1600),
        ])
        #expect(!feeder.cache.contains(JobID("done")))
        #expect(feeder.cache.count == 3)
    }

    @Test("prune with nothing stale only reschedules")
    func pruneNothingStale() {
        var feeder = pruningFeeder()
        _ = feeder.submitting(makeJob("a", createdAt: 1000), at: 1000)
        #expect(feeder.fired(.prune, at: 1300) == [.schedule(.prune, at: 1600)])
    }

    @Test("the abandon check abandons only jobs still stale and stores them as ABANDONED")
    func abandonCheckAbandonsStillStale() {
        var feeder = pruningFeeder()
        var none: [FeederAction] = []
        feeder.unfinishedJobsLoaded([
            makeJob("stale", state: .encoding, lastModifiedAt: 200, startedAt: 100, attempts: 1),
            makeJob("alive", state: .encoding, lastModifiedAt: 250, startedAt: 100, attempts: 1),
        ], at: 1000, into: &none)
        _ = feeder.fired(.prune, at: 1300)

        // Fresh records: "alive" was touched by its worker's heartbeat at 1250.
        let staleRecord = makeJob("stale", state: .encoding, lastModifiedAt: 200, startedAt: 100, attempts: 1)
        let aliveRecord = makeJob("alive", state: .encoding, lastModifiedAt: 1250, startedAt: 100, attempts: 1)
        let actions = feeder.loaded([staleRecord, aliveRecord], purpose: .abandonCheck, at: 1300)

        let abandoned = transitioned(staleRecord, to: .abandoned,
                                     details: "no change for 1100 s in state ENCODING (threshold 1000 s)", at: 1300)
        #expect(actions == [.storeJob(abandoned)])
        #expect(abandoned.state == .abandoned)
        #expect(feeder.cache.job(JobID("stale"))?.state == .abandoned)
        #expect(feeder.cache.job(JobID("alive")) == aliveRecord)
        #expect(feeder.cache.unfinishedCount == 1)
    }

    @Test("the abandon check leaves a job that finished meanwhile, and drops missing ones")
    func abandonCheckFinishedOrMissing() {
        var feeder = pruningFeeder()
        var none: [FeederAction] = []
        feeder.unfinishedJobsLoaded([makeJob("a", state: .uploading, lastModifiedAt: 0),
                                     makeJob("gone", lastModifiedAt: 0)], at: 1000, into: &none)
        let finished = makeJob("a", state: .finished, lastModifiedAt: 100, startedAt: 10, attempts: 1)
        #expect(feeder.loaded([finished], missing: [JobID("gone")], purpose: .abandonCheck, at: 1300) == [])
        #expect(feeder.cache.job(JobID("a")) == finished)
        #expect(!feeder.cache.contains(JobID("gone")))
    }
}

@Suite("FeederStateMachine: fleet")
struct FeederFleetTests {
    @Test("the observed fleet and queue become the policy's snapshot")
    func snapshotBuilt() throws {
        var feeder = startedFeeder(policy: RecordingPolicy())
        _ = feeder.submitting(makeJob("a"), at: 0)
        _ = feeder.submitting(makeJob("b"), at: 0)
        _ = feeder.observed([instance("r1", .running, launchedAt: 0), instance("r2", .running, launchedAt: 1),
                             instance("b1", .booting, launchedAt: 2), instance("s1", .stopping, launchedAt: 3)],
                            visible: 7, inFlight: 4, at: 60)
        let policy = try #require(feeder.policy as? RecordingPolicy)
        let snap = try #require(policy.snapshots.first)
        #expect(snap == FleetSnapshot(time: 60, visibleMessages: 7, inFlightMessages: 4, runningInstances: 2,
                                      bootingInstances: 1, stoppingInstances: 1, unfinishedJobs: 2, recentCompletions: 0,
                                      recentMeanProcessingSeconds: nil, completionWindowSeconds: 600))
    }

    @Test("a launch decision becomes launchInstances")
    func launch() {
        var feeder = startedFeeder(policy: ClassicPolicy())
        for i in 0..<5 { _ = feeder.submitting(makeJob("j\(i)"), at: 0) }
        #expect(feeder.observed([], visible: 5, at: 60) == [.launchInstances(2)])
    }

    @Test("instances still stopping leave no room to launch past the maximum")
    func stoppingInstancesFillTheMaximum() {
        var feeder = startedFeeder(policy: FixedPolicy(parameters: .init(instances: 3),
                                                      limits: FleetLimits(maxInstances: 3, jobsPerInstance: 1)))
        let draining = [instance("s1", .stopping, launchedAt: 0), instance("s2", .stopping, launchedAt: 1)]
        #expect(feeder.observed(draining, at: 60) == [.launchInstances(1)])
        #expect(feeder.observed(draining + [instance("s3", .stopping, launchedAt: 2)], at: 120) == [])
    }

    @Test("a hold decision does nothing")
    func hold() {
        var feeder = startedFeeder(policy: ClassicPolicy())
        #expect(feeder.observed([instance("r1", .running, launchedAt: 0)], at: 60) == [])
    }

    @Test("a stop decision terminates the instances instancesToStop picks")
    func stop() {
        var feeder = startedFeeder(policy: FixedPolicy(parameters: .init(instances: 1)))
        let fleet = [instance("r1", .running, launchedAt: 0), instance("r2", .running, launchedAt: 10),
                     instance("b1", .booting, launchedAt: 20)]
        #expect(feeder.observed(fleet, at: 60) == [.terminateInstances([InstanceID("b1"), InstanceID("r2")])])
    }

    @Test("stopping instances are not counted as the fleet")
    func stoppingNotCounted() {
        var feeder = startedFeeder(policy: FixedPolicy(parameters: .init(instances: 2)))
        let fleet = [instance("r1", .running, launchedAt: 0), instance("s1", .stopping, launchedAt: 0)]
        #expect(feeder.observed(fleet, at: 60) == [.launchInstances(1)])
    }

    @Test("instancesToStop prefers booting, then the newest running, ties by id, never stopping ones")
    func instancesToStopOrder() {
        let fleet = [
            instance("r-old", .running, launchedAt: 10), instance("r-new", .running, launchedAt: 50),
            instance("r-b", .running, launchedAt: 30), instance("r-a", .running, launchedAt: 30),
            instance("b-old", .booting, launchedAt: 5), instance("b-new", .booting, launchedAt: 60),
            instance("s", .stopping, launchedAt: 70),
        ]
        #expect(FeederStateMachine.instancesToStop(3, from: fleet).map(\.rawValue) == ["b-new", "b-old", "r-new"])
        #expect(FeederStateMachine.instancesToStop(10, from: fleet).map(\.rawValue)
                == ["b-new", "b-old", "r-new", "r-a", "r-b", "r-old"])
        #expect(FeederStateMachine.instancesToStop(0, from: fleet) == [])
    }
}
