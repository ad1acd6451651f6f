import Foundation
import NommerCore
import NommerEmbedded
import NommerLive
import Testing

@Suite("Embedded job store and job service")
struct EmbeddedStoreTests {
    @Test func aRecordComesBackFieldForField() async throws {
        let (backend, _) = try makeBackend()
        var job = EncodingJob(id: JobID("x1"), sourceURI: "file:///in.mov", destinationURI: "file:///out.mp4",
                              nommer: "ffmpeg", jobOptionsJSON: #"{"passes":[]}"#, notifyURL: "http://127.0.0.1:9/n",
                              notifyStyle: .legacy, createdAt: 100.25)
        try job.transition(to: .downloading, at: 101.5)
        try job.transition(to: .encoding, details: "pass 1 of 2 — ok", at: 102)
        try await backend.store.put(job)
        #expect(try await backend.store.get(JobID("x1"), consistent: true) == job)
        #expect(try await backend.store.get(JobID("nope"), consistent: true) == nil)
        #expect(try await backend.store.selectUnfinished() == [job])
    }

    @Test func aFinishedRecordIsFinal() async throws {
        let (backend, _) = try makeBackend()
        var job = EncodingJob(id: JobID("f"), sourceURI: "s", destinationURI: "d", nommer: "sleep", createdAt: 0)
        try job.transition(to: .downloading, at: 1)
        let inProgress = job
        try job.transition(to: .abandoned, details: "stale", at: 2)
        try await backend.store.put(job)
        // A late heartbeat from a worker that still thinks it holds the job.
        var late = inProgress
        late.touch(at: 3)
        try await backend.store.put(late)
        #expect(try await backend.store.get(JobID("f"), consistent: true)?.state == .abandoned)
        #expect(try await backend.store.selectUnfinished().isEmpty)
    }

    @Test func submitStoresAndEnqueuesDurably() async throws {
        let (backend, clock) = try makeBackend()
        let request = JobRequest(sourceURI: "file:///a", destinationURI: "file:///b", nommer: "sleep",
                                 optionsJSON: #"{"seconds":1}"#, notifyURL: "http://127.0.0.1:1/x")
        let job = try await backend.jobService.submit(request)
        #expect(job.state == .pending)
        #expect(job.createdAt == clock.now())
        #expect(try await backend.jobService.job(job.id) == job)
        let message = try await backend.newJobQueue.receive(max: 10, visibilityTimeoutSeconds: 30, waitSeconds: 0)
        #expect(message.map(\.jobID) == [job.id])
        // The feeder hears of it on the state-change queue too.
        let change = try await backend.stateChangeQueue.receive(max: 10, visibilityTimeoutSeconds: 30, waitSeconds: 0)
        #expect(change.map(\.jobID) == [job.id])
    }

    @Test func submitIsOneTransaction() async throws {
        // Make every enqueue fail inside SQLite; the record written just before
        // it in the same transaction must be rolled back with it.
        let directory = makeDataDirectory()
        let backend = try EmbeddedBackend(dataDirectory: directory)
        try await backend.database.execute(sql: """
            CREATE TRIGGER refuse_enqueue BEFORE INSERT ON messages BEGIN SELECT RAISE(ABORT, 'injected failure'); END;
            """)
        let request = JobRequest(sourceURI: "file:///a", destinationURI: "file:///b", nommer: "sleep")
        await #expect(throws: BackendError.self) { try await backend.jobService.submit(request) }
        #expect(try await backend.jobService.jobs(in: nil, limit: 100).isEmpty)
        #expect(try await backend.store.selectUnfinished().isEmpty)
        try await backend.database.execute(sql: "DROP TRIGGER refuse_enqueue")
        let job = try await backend.jobService.submit(request)
        #expect(try await backend.jobService.jobs(in: nil, limit: 100).map(\.id) == [job.id])
    }

    @Test func jobsAreListedNewestFirstAndByState() async throws {
        let (backend, clock) = try makeBackend()
        var ids: [JobID] = []
        for _ in 0..<3 {
            ids.append(try await backend.jobService.submit(JobRequest(sourceURI: "s", destinationURI: "d", nommer: "sleep")).id)
            clock.advance(by: 1)
        }
        #expect(try await backend.jobService.jobs(in: nil, limit: 10).map(\.id) == ids.reversed())
        #expect(try await backend.jobService.jobs(in: nil, limit: 2).map(\.id) == Array(ids.reversed().prefix(2)))
        let cancelled = try await backend.jobService.cancel(ids[1])
        #expect(cancelled.state == .error)
        #expect(cancelled.stateDetails == "cancelled")
        #expect(try await backend.jobService.jobs(in: .error, limit: 10).map(\.id) == [ids[1]])
        #expect(try await backend.jobService.jobs(in: .pending, limit: 10).map(\.id) == [ids[2], ids[0]])
        // Cancelling again leaves it as it is; an unknown id is refused.
        #expect(try await backend.jobService.cancel(ids[1]) == cancelled)
        await #expect(throws: BackendError.jobNotFound(JobID("nope"))) {
            try await backend.jobService.cancel(JobID("nope"))
        }
    }
}
