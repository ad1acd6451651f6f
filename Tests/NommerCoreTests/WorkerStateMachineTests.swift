import NommerCore
import Testing

/// The receive a default worker with `free` slots asks for.
private func shortPoll(_ free: Int = 2) -> WorkerAction {
    .receive(max: free, waitSeconds: 0, visibilityTimeoutSeconds: 3600)
}

private func longPoll(_ free: Int = 2) -> WorkerAction {
    .receive(max: free, waitSeconds: 20, visibilityTimeoutSeconds: 3600)
}

/// A worker started at 0 whose first receive returned nothing.
private func idleWorker(_ settings: WorkerSettings = WorkerSettings()) -> WorkerStateMachine {
    var worker = WorkerStateMachine(settings: settings)
    _ = worker.starting(at: 0)
    _ = worker.received([], at: 0)
    return worker
}

/// A worker started at 0 that took the PENDING job `id` at `at`; returns the
/// worker and the job as it stored it (DOWNLOADING).
private func workerHolding(_ id: String = "a", settings: WorkerSettings = WorkerSettings(),
                           at now: Seconds = 0) -> (WorkerStateMachine, EncodingJob) {
    var worker = WorkerStateMachine(settings: settings)
    _ = worker.starting(at: 0)
    let message = makeMessage(id)
    _ = worker.received([message], at: now)
    _ = worker.loaded(makeJob(id), for: message, at: now)
    return (worker, transitioned(makeJob(id), to: .downloading, at: now))
}

@Suite("WorkerStateMachine: taking and working jobs")
struct WorkerJobFlowTests {
    @Test("the defaults are media-nommer's, with the fixes switched on")
    func defaults() {
        let settings = WorkerSettings()
        #expect(settings.jobsPerInstance == 2)
        #expect(settings.pollIntervalSeconds == 60)
        #expect(settings.heartbeatIntervalSeconds == 60)
        #expect(settings.idleShutdownSeconds == 600)
        #expect(settings.visibilityTimeoutSeconds == 3600)
        #expect(settings.takeoverAfterSeconds == 180)
        #expect(!settings.longPoll && !settings.deleteOnReceive && settings.heartbeatRefreshesJob)
        #expect(WorkerSettings.original.deleteOnReceive && !WorkerSettings.original.heartbeatRefreshesJob)
    }

    @Test("start schedules heartbeat, idle check and poll, and asks for 2 jobs")
    func start() {
        var worker = WorkerStateMachine()
        #expect(worker.starting(at: 100) == [
            .schedule(.heartbeat, at: 160),
            .schedule(.idleCheck, at: 700),
            .schedule(.poll, at: 160),
            shortPoll(2),
        ])
        #expect(worker.receiving)
    }

    @Test("a received message asks to load its job")
    func messageLoadsJob() {
        var worker = WorkerStateMachine()
        _ = worker.starting(at: 0)
        let message = makeMessage("a")
        #expect(worker.received([message], at: 1) == [.loadJob(message)])
        #expect(worker.pendingLoads == 1)
        #expect(worker.freeSlots == 1)
        #expect(!worker.receiving)
    }

    @Test("a PENDING job is stored DOWNLOADING, announced, and its download started")
    func pendingJobTaken() {
        var worker = WorkerStateMachine()
        _ = worker.starting(at: 0)
        let message = makeMessage("a")
        _ = worker.received([message], at: 1)
        let downloading = transitioned(makeJob("a"), to: .downloading, at: 2)
        #expect(worker.loaded(makeJob("a"), for: message, at: 2) == [
            .storeJob(downloading), .announceStateChange(JobID("a")), .startPhase(.download, downloading),
        ])
        #expect(downloading.attempts == 1 && downloading.startedAt == 2)
        #expect(worker.held.map(\.job) == [downloading])
        #expect(worker.pendingLoads == 0)
    }

    @Test("completed phases move the job DOWNLOADING -> ENCODING -> UPLOADING, each stored and announced")
    func phasesAdvance() {
        var (worker, job) = workerHolding()
        let encoding = transitioned(job, to: .encoding, at: 10)
        #expect(worker.completed(job.id, phase: .download, at: 10) == [
            .storeJob(encoding), .announceStateChange(job.id), .startPhase(.encode, encoding),
        ])
        let uploading = transitioned(encoding, to: .uploading, at: 20)
        #expect(worker.completed(job.id, phase: .encode, at: 20) == [
            .storeJob(uploading), .announceStateChange(job.id), .startPhase(.upload, uploading),
        ])
        job = uploading
        #expect(worker.held.first?.job == uploading)
        #expect(worker.held.first?.phase == .upload)
    }

    @Test("on FINISHED the job is stored and announced, its message deleted, and more work asked for")
    func finishDeletesMessage() {
        var (worker, job) = workerHolding()
        _ = worker.completed(job.id, phase: .download, at: 10)
        _ = worker.completed(job.id, phase: .encode, at: 20)
        let finished = transitioned(transitioned(transitioned(job, to: .encoding, at: 10), to: .uploading, at: 20),
                                    to: .finished, at: 30)
        #expect(worker.completed(job.id, phase: .upload, at: 30) == [
            .storeJob(finished), .announceStateChange(job.id), .deleteMessage(ReceiptHandle("r-a")), shortPoll(2),
        ])
        #expect(worker.held.isEmpty)
        #expect(worker.freeSlots == 2)
    }

    @Test("with deleteOnReceive the message is deleted at receive, not at finish")
    func deleteOnReceive() {
        var settings = WorkerSettings()
        settings.deleteOnReceive = true
        var worker = WorkerStateMachine(settings: settings)
        _ = worker.starting(at: 0)
        let message = makeMessage("a")
        #expect(worker.received([message], at: 1) == [.deleteMessage(ReceiptHandle("r-a")), .loadJob(message)])
        _ = worker.loaded(makeJob("a"), for: message, at: 1)
        _ = worker.completed(JobID("a"), phase: .download, at: 10)
        _ = worker.completed(JobID("a"), phase: .encode, at: 20)
        let finish = worker.completed(JobID("a"), phase: .upload, at: 30)
        #expect(finish.count == 3)
        #expect(!finish.contains(.deleteMessage(ReceiptHandle("r-a"))))
        #expect(finish.last == shortPoll(2))
    }

    @Test("a failed phase ends the job ERROR with the details, and frees the slot")
    func failedPhase() {
        var (worker, job) = workerHolding()
        let encoding = transitioned(job, to: .encoding, at: 10)
        _ = worker.completed(job.id, phase: .download, at: 10)
        let failed = transitioned(encoding, to: .error, details: "ffmpeg exited with status 1", at: 15)
        #expect(worker.completed(job.id, phase: .encode, outcome: .failed(details: "ffmpeg exited with status 1"),
                                 at: 15) == [
            .storeJob(failed), .announceStateChange(job.id), .deleteMessage(ReceiptHandle("r-a")), shortPoll(2),
        ])
        #expect(failed.state == .error)
        #expect(failed.stateDetails == "ffmpeg exited with status 1")
        #expect(worker.held.isEmpty)
    }

    @Test("a redelivered message of a finished job is deleted without work")
    func finishedJobRedelivered() {
        var worker = idleWorker()
        let message = makeMessage("done")
        _ = worker.received([message], at: 5)
        #expect(worker.loaded(makeJob("done", state: .finished), for: message, at: 5) == [
            .deleteMessage(ReceiptHandle("r-done")), shortPoll(2),
        ])
        #expect(worker.held.isEmpty)
    }

    @Test("a message whose job the store does not have is deleted")
    func missingJob() {
        var worker = idleWorker()
        let message = makeMessage("ghost")
        _ = worker.received([message], at: 5)
        #expect(worker.loaded(nil, for: message, at: 5) == [.deleteMessage(ReceiptHandle("r-ghost")), shortPoll(2)])
    }

    @Test("a job in progress with a fresh record is skipped and its message left alone")
    func freshInProgressSkipped() {
        var worker = idleWorker()
        let message = makeMessage("busy")
        _ = worker.received([message], at: 200)
        let record = makeJob("busy", state: .encoding, lastModifiedAt: 100, startedAt: 50, attempts: 1)
        #expect(worker.loaded(record, for: message, at: 200) == [shortPoll(2)])
        #expect(worker.held.isEmpty)
    }

    @Test("a job in progress whose record is stale is taken over: restarted as attempt 2")
    func staleInProgressRestarted() {
        var worker = idleWorker()
        let message = makeMessage("lost")
        _ = worker.received([message], at: 300)
        let record = makeJob("lost", state: .encoding, lastModifiedAt: 120, startedAt: 50, attempts: 1)
        var restarted = record
        try! restarted.restart(at: 300)
        #expect(worker.loaded(record, for: message, at: 300) == [
            .storeJob(restarted), .announceStateChange(JobID("lost")), .startPhase(.download, restarted),
        ])
        #expect(restarted.attempts == 2)
        #expect(restarted.state == .downloading)
        #expect(worker.held.map(\.job.id) == [JobID("lost")])
    }

    @Test("phaseCompleted for an unknown job, or a phase the job is not in, is ignored")
    func unknownPhaseIgnored() {
        var (worker, job) = workerHolding()
        let before = worker.held
        #expect(worker.completed(JobID("other"), phase: .download, at: 10) == [])
        #expect(worker.completed(job.id, phase: .upload, at: 10) == [])
        #expect(worker.held == before)
    }
}

@Suite("WorkerStateMachine: heartbeat")
struct WorkerHeartbeatTests {
    @Test("a heartbeat with held jobs asks to refresh them and reschedules")
    func heartbeatRefreshes() {
        var (worker, job) = workerHolding()
        #expect(worker.fired(.heartbeat, at: 60) == [.refreshHeldJobs([job.id]), .schedule(.heartbeat, at: 120)])
    }

    @Test("a heartbeat with no held jobs only reschedules")
    func heartbeatIdle() {
        var worker = idleWorker()
        #expect(worker.fired(.heartbeat, at: 60) == [.schedule(.heartbeat, at: 120)])
    }

    @Test("refreshed held jobs are touched: stored with the new lastModifiedAt")
    func refreshTouches() {
        var (worker, job) = workerHolding()
        var touched = job
        touched.touch(at: 60)
        #expect(worker.refreshed([job], at: 60) == [.storeJob(touched)])
        #expect(worker.held.first?.job.lastModifiedAt == 60)
    }

    @Test("with heartbeatWriteAfterSeconds a heartbeat writes only a record at least that old")
    func writeOnlyWhenStale() {
        var settings = WorkerSettings()
        settings.heartbeatWriteAfterSeconds = 100
        var (worker, job) = workerHolding(settings: settings) // last written at 0
        #expect(worker.refreshed([job], at: 60) == [])
        #expect(worker.held.first?.job.lastModifiedAt == 0)
        var touched = job
        touched.touch(at: 120)
        #expect(worker.refreshed([job], at: 120) == [.storeJob(touched)])
        #expect(worker.held.first?.job.lastModifiedAt == 120)
        #expect(worker.refreshed([touched], at: 180) == [])
    }

    @Test("a stalled nommer's job is not touched")
    func stalledNotTouched() {
        var (worker, job) = workerHolding()
        worker.nommerStalled(job.id, at: 30)
        #expect(worker.held.first?.stalled == true)
        #expect(worker.refreshed([job], at: 60) == [])
        #expect(worker.held.first?.job.lastModifiedAt == 0)
    }

    @Test("with heartbeatRefreshesJob false the job is not touched")
    func refreshDisabled() {
        var settings = WorkerSettings()
        settings.heartbeatRefreshesJob = false
        var (worker, job) = workerHolding(settings: settings)
        #expect(worker.refreshed([job], at: 60) == [])
    }

    @Test("visibility is not extended before half the timeout has passed")
    func visibilityNotYet() {
        var (worker, job) = workerHolding()
        var touched = job
        touched.touch(at: 1799)
        #expect(worker.refreshed([job], at: 1799) == [.storeJob(touched)])
    }

    @Test("visibility is extended once half the timeout has passed, then not again until the next half")
    func visibilityExtended() {
        var (worker, job) = workerHolding()
        var touched = job
        touched.touch(at: 1800)
        #expect(worker.refreshed([job], at: 1800) == [
            .storeJob(touched), .changeVisibility(ReceiptHandle("r-a"), timeoutSeconds: 3600),
        ])
        #expect(!worker.refreshed([job], at: 1860).contains(.changeVisibility(ReceiptHandle("r-a"), timeoutSeconds: 3600)))
        #expect(worker.refreshed([job], at: 3600).contains(.changeVisibility(ReceiptHandle("r-a"), timeoutSeconds: 3600)))
    }

    @Test("with deleteOnReceive there is no message whose visibility to extend")
    func noVisibilityWhenDeletedOnReceive() {
        var settings = WorkerSettings()
        settings.deleteOnReceive = true
        var (worker, job) = workerHolding(settings: settings)
        var touched = job
        touched.touch(at: 1800)
        #expect(worker.refreshed([job], at: 1800) == [.storeJob(touched)])
    }

    @Test("a held job found ABANDONED is dropped: phase aborted, message deleted, slot freed")
    func abandonedDropped() {
        var (worker, job) = workerHolding()
        let abandoned = transitioned(job, to: .abandoned, details: "stale", at: 50)
        #expect(worker.refreshed([abandoned], at: 60) == [
            .abortPhase(job.id), .deleteMessage(ReceiptHandle("r-a")), shortPoll(2),
        ])
        #expect(worker.held.isEmpty)
        #expect(worker.freeSlots == 2)
    }

    @Test("a held job the store no longer has is dropped")
    func missingDropped() {
        var (worker, job) = workerHolding()
        #expect(worker.refreshed([], missing: [job.id], at: 60) == [
            .abortPhase(job.id), .deleteMessage(ReceiptHandle("r-a")), shortPoll(2),
        ])
        #expect(worker.held.isEmpty)
    }
}

@Suite("WorkerStateMachine: polling, idling and stopping")
struct WorkerLifecycleTests {
    @Test("a timer fired at a time other than the one scheduled is ignored")
    func staleTimerIgnored() {
        var worker = idleWorker()
        #expect(worker.fired(.poll, at: 59) == [])
        #expect(worker.fired(.heartbeat, at: 61) == [])
        #expect(worker.fired(.idleCheck, at: 60) == [])
        #expect(!worker.terminated)
    }

    @Test("short polling: an empty receive waits for the poll timer, which asks again")
    func shortPolling() {
        var worker = WorkerStateMachine()
        _ = worker.starting(at: 0)
        #expect(worker.received([], at: 0) == [])
        #expect(worker.fired(.poll, at: 60) == [shortPoll(2), .schedule(.poll, at: 120)])
    }

    @Test("the poll timer asks only for the free slots")
    func pollAsksForFreeSlots() {
        var (worker, _) = workerHolding()
        #expect(worker.fired(.poll, at: 60) == [shortPoll(1), .schedule(.poll, at: 120)])
    }

    @Test("long polling: no poll timer, and an empty receive immediately asks again with waitSeconds 20")
    func longPolling() {
        var settings = WorkerSettings()
        settings.longPoll = true
        var worker = WorkerStateMachine(settings: settings)
        #expect(worker.starting(at: 0) == [
            .schedule(.heartbeat, at: 60), .schedule(.idleCheck, at: 600), longPoll(2),
        ])
        #expect(worker.received([], at: 20) == [longPoll(2)])
        #expect(worker.receiving)
    }

    @Test("long polling: a worker left with a free slot after a receive keeps a long poll outstanding")
    func longPollingKeepsFreeSlotPolled() {
        var settings = WorkerSettings()
        settings.longPoll = true
        var worker = WorkerStateMachine(settings: settings)
        _ = worker.starting(at: 0)
        let message = makeMessage("a")
        var actions = worker.received([message], at: 5)
        actions += worker.loaded(makeJob("a"), for: message, at: 5)
        #expect(actions.contains(longPoll(1)))
        #expect(worker.receiving)
    }

    @Test("an idle worker terminates itself after idleShutdownSeconds")
    func idleShutdown() {
        var worker = idleWorker()
        #expect(worker.fired(.idleCheck, at: 600) == [.terminateSelf])
        #expect(worker.terminated)
    }

    @Test("a busy worker does not terminate; the idle check is rescheduled")
    func busyNotTerminated() {
        var (worker, _) = workerHolding()
        #expect(worker.fired(.idleCheck, at: 600) == [.schedule(.idleCheck, at: 1200)])
        #expect(!worker.terminated)
    }

    @Test("idle time counts from the last job's end")
    func idleFromLastJob() {
        var (worker, job) = workerHolding()
        _ = worker.completed(job.id, phase: .download, at: 100)
        _ = worker.completed(job.id, phase: .encode, at: 200)
        _ = worker.completed(job.id, phase: .upload, at: 500)
        _ = worker.received([], at: 500)
        #expect(worker.fired(.idleCheck, at: 600) == [.schedule(.idleCheck, at: 1100)])
        #expect(worker.fired(.idleCheck, at: 1100) == [.terminateSelf])
    }

    @Test("with idleShutdownSeconds 0 the worker never terminates for idleness")
    func idleShutdownDisabled() {
        var settings = WorkerSettings()
        settings.idleShutdownSeconds = 0
        var worker = WorkerStateMachine(settings: settings)
        let start = worker.starting(at: 0)
        #expect(start == [.schedule(.heartbeat, at: 60), .schedule(.poll, at: 60), shortPoll(2)])
        _ = worker.received([], at: 0)
        #expect(worker.fired(.idleCheck, at: 0) == [])
        #expect(worker.fired(.idleCheck, at: 600) == [])
        #expect(!worker.terminated)
    }

    @Test("drain with no jobs terminates at once, cancelling an outstanding receive")
    func drainIdle() {
        var worker = WorkerStateMachine()
        _ = worker.starting(at: 0)
        #expect(worker.draining(at: 10) == [.cancelReceive, .terminateSelf])
        #expect(worker.terminated)
        var quiet = idleWorker()
        #expect(quiet.draining(at: 10) == [.terminateSelf])
    }

    @Test("drain with jobs waits for the last to finish, then terminates without asking for work")
    func drainBusy() {
        var (worker, job) = workerHolding()
        #expect(worker.draining(at: 10) == [])
        #expect(!worker.terminated)
        #expect(worker.fired(.poll, at: 60) == [])
        _ = worker.completed(job.id, phase: .download, at: 100)
        _ = worker.completed(job.id, phase: .encode, at: 200)
        let finished = transitioned(transitioned(transitioned(job, to: .encoding, at: 100), to: .uploading, at: 200),
                                    to: .finished, at: 300)
        #expect(worker.completed(job.id, phase: .upload, at: 300) == [
            .storeJob(finished), .announceStateChange(job.id), .deleteMessage(ReceiptHandle("r-a")), .terminateSelf,
        ])
        #expect(worker.terminated)
    }

    @Test("a job loaded while draining is handed back, not taken")
    func loadWhileDraining() {
        var (worker, _) = workerHolding()
        let message = makeMessage("b")
        _ = worker.fired(.poll, at: 60)
        _ = worker.received([message], at: 61)
        _ = worker.draining(at: 62)
        #expect(worker.loaded(makeJob("b"), for: message, at: 63) == [
            .changeVisibility(ReceiptHandle("r-b"), timeoutSeconds: 0),
        ])
        #expect(worker.held.map(\.job.id) == [JobID("a")])
    }

    @Test("release aborts held jobs, stores them PENDING, hands their messages back and terminates")
    func release() throws {
        var worker = WorkerStateMachine()
        _ = worker.starting(at: 0)
        let a = makeMessage("a"), b = makeMessage("b")
        _ = worker.received([a, b], at: 1)
        _ = worker.loaded(makeJob("a"), for: a, at: 1)
        _ = worker.loaded(makeJob("b"), for: b, at: 1)
        var releasedA = transitioned(makeJob("a"), to: .downloading, at: 1)
        try releasedA.release(at: 50)
        var releasedB = transitioned(makeJob("b"), to: .downloading, at: 1)
        try releasedB.release(at: 50)
        #expect(worker.releasing(at: 50) == [
            .abortPhase(JobID("a")), .storeJob(releasedA), .announceStateChange(JobID("a")),
            .changeVisibility(ReceiptHandle("r-a"), timeoutSeconds: 0),
            .abortPhase(JobID("b")), .storeJob(releasedB), .announceStateChange(JobID("b")),
            .changeVisibility(ReceiptHandle("r-b"), timeoutSeconds: 0),
            .terminateSelf,
        ])
        #expect(releasedA.state == .pending && releasedA.attempts == 1 && releasedA.startedAt == nil)
        #expect(releasedA.lastModifiedAt == 50)
        #expect(releasedA.stateDetails == "released by a stopping worker after attempt 1")
        // The next worker starts it as a new job: a second attempt, not a duplicate left alone.
        var next = WorkerStateMachine()
        _ = next.starting(at: 51)
        _ = next.received([makeMessage("a")], at: 51)
        _ = next.loaded(releasedA, for: makeMessage("a"), at: 51)
        #expect(next.held.map(\.job.state) == [.downloading])
        #expect(next.held.first?.job.attempts == 2)
        #expect(worker.held.isEmpty)
        #expect(worker.terminated)
    }

    @Test("a terminated worker ignores timers and receives")
    func terminatedIgnoresEvents() {
        var worker = idleWorker()
        _ = worker.draining(at: 10)
        #expect(worker.fired(.heartbeat, at: 60) == [])
        #expect(worker.received([makeMessage("a")], at: 61) == [])
    }
}
