#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Logging
import NommerConfig
import NommerCore
import NommerEmbedded
import NommerLive
import NommerNommers
import NommerTestSupport
import Testing

/// A worker process asked to stop: it finishes what it holds, or, past its
/// drain time, hands the messages back so another worker takes them at once.
@Suite("Worker shutdown and stalls", .serialized)
struct WorkerShutdownTests {
    private func startWorker(_ directory: String, id: String, drainSeconds: Double,
                             extra: [String] = []) throws -> ToolProcess {
        let config = (directory as NSString).appendingPathComponent("live.yaml")
        try liveTestScenario.write(toFile: config, atomically: true, encoding: .utf8)
        return try ToolProcess(["worker", "--backend", "embedded", "--data-dir", directory, "--config", config,
                                "--instance-id", id, "--drain-seconds", "\(drainSeconds)",
                                "--set", "worker.idle_shutdown_seconds=60"] + extra,
                               logPath: (directory as NSString).appendingPathComponent("\(id).log"))
    }

    private func submit(_ backend: EmbeddedBackend, seconds: Double) async throws -> JobID {
        try await backend.jobService.submit(JobRequest(sourceURI: "file:///dev/null", destinationURI: "file:///dev/null",
                                                       nommer: "sleep", optionsJSON: #"{"seconds": \#(seconds)}"#)).id
    }

    @Test(.timeLimit(.minutes(1)))
    func sigtermPastTheDrainTimeReleasesTheJob() async throws {
        let directory = makeDataDirectory()
        let backend = try EmbeddedBackend(dataDirectory: directory)
        let id = try await submit(backend, seconds: 60)
        let worker = try startWorker(directory, id: "w-release", drainSeconds: 0.5)
        defer { worker.killGroup() }
        let encoding = try await poll(seconds: 20) { try await backend.jobService.job(id)?.state == .encoding }
        #expect(encoding, "\(worker.log.suffix(1500))")
        worker.signal(SIGTERM)
        #expect(await worker.waitForExit(seconds: 15) == 0)
        // The message is visible again at once, not after the 4 s visibility timeout.
        #expect(try await backend.newJobQueue.counts() == QueueCounts(visible: 1, inFlight: 0))
        let record = try await backend.localFleet.records().first { $0.id == InstanceID("w-release") }
        #expect(record?.state == "terminated")
        #expect(record?.reason == "released")
        // The record is PENDING again, so the next worker starts it at once,
        // even with a takeover threshold (60 s) far past the poll's deadline.
        #expect(try await backend.jobService.job(id)?.state == .pending)
        let next = try startWorker(directory, id: "w-next", drainSeconds: 0.5,
                                   extra: ["--set", "worker.takeover_after_seconds=60"])
        defer { next.killGroup() }
        let restarted = try await poll(seconds: 15) {
            let job = try await backend.jobService.job(id)
            return job?.state == .encoding && job?.attempts == 2
        }
        #expect(restarted, "\(next.log.suffix(1500))")
    }

    @Test(.timeLimit(.minutes(1)))
    func sigtermWithinTheDrainTimeLetsTheJobFinish() async throws {
        let directory = makeDataDirectory()
        let backend = try EmbeddedBackend(dataDirectory: directory)
        let id = try await submit(backend, seconds: 1)
        let worker = try startWorker(directory, id: "w-drain", drainSeconds: 30)
        defer { worker.killGroup() }
        let encoding = try await poll(seconds: 20) { try await backend.jobService.job(id)?.state == .encoding }
        #expect(encoding, "\(worker.log.suffix(1500))")
        worker.signal(SIGTERM)
        #expect(await worker.waitForExit(seconds: 20) == 0)
        #expect(try await backend.jobService.job(id)?.state == .finished)
        #expect(try await backend.newJobQueue.counts() == QueueCounts(visible: 0, inFlight: 0))
        let record = try await backend.localFleet.records().first { $0.id == InstanceID("w-drain") }
        #expect(record?.reason == "drained")
    }

    /// A nommer that never calls its progress callback and never ends.
    struct HangingNommer: Nommer {
        let name = "hang"
        func validate(optionsJSON: String) throws(JobRequestError) {}
        func run(_ phase: WorkPhase, of job: EncodingJob, workspace: String,
                 progress: @escaping @Sendable () -> Void) async -> PhaseOutcome {
            if phase != .encode { return .completed }
            while !Task.isCancelled { try? await Task.sleep(for: .milliseconds(20)) }
            return .failed(details: "cancelled")
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func aNommerWithoutProgressIsReportedStalledAndItsJobNoLongerRefreshed() async throws {
        let scenario = try ScenarioLoader.parse(yaml: liveTestScenario, file: "live-test.yaml",
                                                overrides: ["worker.heartbeat_interval_seconds=0.2"])
        let directory = makeDataDirectory()
        let backend = try EmbeddedBackend(dataDirectory: directory)
        let id = try await backend.jobService.submit(JobRequest(sourceURI: "file:///dev/null",
                                                                destinationURI: "file:///dev/null", nommer: "hang")).id
        let transcript = WorkerTranscript()
        var options = LiveWorker.Options(workspaceRoot: (directory as NSString).appendingPathComponent("ws"))
        options.stallAfterSeconds = 0.5
        let worker = LiveWorker(machine: scenario.makeWorkerStateMachine(), backend: backend,
                                instance: backend.workerInstance(InstanceID("in-process")),
                                nommers: NommerRegistry([HangingNommer()]), options: options,
                                logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }),
                                transcript: transcript)
        let run = Task { await worker.run() }
        defer { run.cancel() }
        let stalled = await poll(seconds: 10) {
            transcript.entries.contains { $0.event == .nommerStalled(id) }
        }
        #expect(stalled)
        // Heartbeats after the stall leave the record alone, so the feeder's abandon threshold catches it.
        let before = try #require(try await backend.jobService.job(id))
        #expect(before.state == .encoding)
        let stallIndex = try #require(transcript.entries.firstIndex { $0.event == .nommerStalled(id) })
        let heartbeats = await poll(seconds: 10) {
            transcript.entries[(stallIndex + 1)...].filter { entry in
                if case .heldJobsRefreshed = entry.event { return true } else { return false }
            }.count >= 2
        }
        #expect(heartbeats)
        let later = transcript.entries[(stallIndex + 1)...].flatMap(\.actions)
        #expect(!later.contains { if case let .storeJob(job) = $0 { job.id == id } else { false } })
        #expect(try await backend.jobService.job(id)?.lastModifiedAt == before.lastModifiedAt)
        worker.release()
        _ = await run.value
        #expect(try await backend.newJobQueue.counts() == QueueCounts(visible: 1, inFlight: 0))
    }
}
