import Foundation
import Logging
import NommerConfig
import NommerCore
import NommerEmbedded
import NommerLive
import NommerNommers
import NommerTestSupport
import Testing

/// The live runtime and the simulator run the same feeder and worker code.
///
/// Both build their machines with `Scenario.makeFeederStateMachine()` and
/// `makeWorkerStateMachine()` (the simulator in `Simulation.init` and at each
/// boot). The live drivers call their machine only through
/// `FeederEvent.apply` / `WorkerEvent.apply` and record each event with the
/// actions it gave. This test runs a real live feeder and worker on the
/// embedded backend, then feeds the recorded events, at the recorded times,
/// to fresh machines built as the simulator builds them, and requires the
/// very same actions: the live drivers make no decision the core did not
/// make, and the core decides the same from the same events.
@Suite("Live and simulated drivers decide alike")
struct SameDecisionsTests {
    @Test(.timeLimit(.minutes(1)))
    func replayingTheLiveEventsGivesTheLiveActions() async throws {
        let scenario = try ScenarioLoader.parse(yaml: liveTestScenario, file: "live-test.yaml",
                                                overrides: ["worker.idle_shutdown_seconds=1"])
            .with(policy: "fixed", instances: 2)
        let directory = makeDataDirectory()
        let backend = try EmbeddedBackend(dataDirectory: directory) // Its fleet launches nothing.
        var ids: [JobID] = []
        for _ in 0..<6 {
            ids.append(try await backend.jobService.submit(JobRequest(
                sourceURI: "file:///dev/null", destinationURI: "file:///dev/null", nommer: "sleep",
                optionsJSON: #"{"seconds": 0.1}"#)).id)
        }
        // One job for a nommer the worker does not have: it must end ERROR alike.
        ids.append(try await backend.jobService.submit(JobRequest(
            sourceURI: "file:///dev/null", destinationURI: "file:///dev/null", nommer: "nonesuch")).id)

        let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        let feederTranscript = FeederTranscript(), workerTranscript = WorkerTranscript()
        let feeder = LiveFeeder(machine: scenario.makeFeederStateMachine(), backend: backend, logger: quiet,
                                transcript: feederTranscript)
        let worker = LiveWorker(machine: scenario.makeWorkerStateMachine(), backend: backend,
                                instance: backend.workerInstance(InstanceID("in-process")),
                                nommers: NommerRegistry([SleepNommer(progressIntervalSeconds: 0.05)]),
                                options: .init(workspaceRoot: (directory as NSString).appendingPathComponent("ws")),
                                logger: quiet, transcript: workerTranscript)
        let feederRun = Task { await feeder.run() }
        let reason = await worker.run() // Returns when the idle worker terminates itself.
        #expect(reason == "idle")
        let seen = await poll(seconds: 10) { feeder.unfinishedJobs == 0 }
        feeder.stop()
        await feederRun.value
        #expect(seen)
        for (index, id) in ids.enumerated() {
            #expect(try await backend.jobService.job(id)?.state == (index < 6 ? .finished : .error))
        }

        // Replay the worker's events into a worker built as the simulator builds one.
        var replayedWorker = scenario.makeWorkerStateMachine()
        for entry in workerTranscript.entries {
            var actions: [WorkerAction] = []
            entry.event.apply(to: &replayedWorker, at: entry.time, into: &actions)
            #expect(actions == entry.actions, "worker event \(entry.event) at \(entry.time)")
        }
        #expect(replayedWorker.terminated)
        // And the feeder's.
        var replayedFeeder = scenario.makeFeederStateMachine()
        for entry in feederTranscript.entries {
            var actions: [FeederAction] = []
            entry.event.apply(to: &replayedFeeder, at: entry.time, into: &actions)
            #expect(actions == entry.actions, "feeder event \(entry.event) at \(entry.time)")
        }
        #expect(replayedFeeder.cache.unfinishedCount == 0)

        // The runs were not trivial: every kind of decision was made and replayed.
        let workerActions = workerTranscript.entries.flatMap(\.actions)
        // Three phases for each sleep job, the first (failing) one for the unknown nommer.
        #expect(workerActions.filter { if case .startPhase = $0 { return true } else { return false } }.count == 19)
        #expect(workerActions.contains(.terminateSelf))
        #expect(workerTranscript.entries.contains { if case .heldJobsRefreshed = $0.event { true } else { false } }
            || workerTranscript.entries.count > 20)
        let feederActions = feederTranscript.entries.flatMap(\.actions)
        // A fixed fleet of 2 (whose launches this backend refuses: the decision is what counts).
        #expect(feederActions.contains { if case .launchInstances = $0 { true } else { false } })
        #expect(feederActions.contains { if case .loadJobs(_, .stateChange) = $0 { true } else { false } })
        #expect(feederActions.contains(.observeFleet))

        // The store holds what the worker's last decision for each job wrote.
        for id in ids.prefix(6) {
            let lastStored = workerActions.reversed().compactMap { action -> EncodingJob? in
                if case let .storeJob(job) = action, job.id == id { return job } else { return nil }
            }.first
            #expect(try await backend.jobService.job(id) == lastStored)
        }
    }
}

@Suite("Retries of transient backend errors")
struct RetryTests {
    final class Attempts: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func next() -> Int { lock.withLock { value += 1; return value } }
        var count: Int { lock.withLock { value } }
    }

    let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
    let fast = BackendRetryPolicy(maxAttempts: 4, baseDelaySeconds: 0.001, maxDelaySeconds: 0.005)

    @Test func transientFailuresAreRetriedUntilTheCallSucceeds() async throws {
        let attempts = Attempts()
        let value = try await withRetries(fast, operation: "test", logger: quiet) { () async throws(BackendError) -> Int in
            if attempts.next() < 3 { throw .transient("busy") }
            return 42
        }
        #expect(value == 42)
        #expect(attempts.count == 3)
    }

    @Test func otherFailuresAreNotRetried() async throws {
        let attempts = Attempts()
        await #expect(throws: BackendError.jobNotFound(JobID("x"))) {
            try await withRetries(fast, operation: "test", logger: quiet) { () async throws(BackendError) -> Int in
                _ = attempts.next()
                throw .jobNotFound(JobID("x"))
            }
        }
        #expect(attempts.count == 1)
    }

    @Test func theLastTransientFailureIsThrownWhenAttemptsRunOut() async throws {
        let attempts = Attempts()
        await #expect(throws: BackendError.transient("busy 4")) {
            try await withRetries(fast, operation: "test", logger: quiet) { () async throws(BackendError) -> Int in
                throw .transient("busy \(attempts.next())")
            }
        }
        #expect(attempts.count == 4)
        #expect(fast.delayCeiling(afterAttempt: 1) == 0.001)
        #expect(fast.delayCeiling(afterAttempt: 10) == 0.005)
    }
}

extension Scenario {
    /// This scenario under a fixed policy of `instances`.
    func with(policy name: String, instances: Int) -> Scenario {
        var copy = self
        copy.policy = .fixed(FixedPolicy.Parameters(instances: instances))
        return copy
    }
}
