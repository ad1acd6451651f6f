import Foundation
import NommerConfig
import NommerCore
import NommerSim
import NommerTrace
import Testing

/// The shipped synthetic sample trace.
func sampleTrace() throws -> Trace {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    return try TraceReader.read(path: root.appendingPathComponent("scenarios/traces/sample.csv").path)
}

/// A scenario for replays: per-second billing, up to 8 instances, backlog policy.
func replayScenario(jobs: Int) -> Scenario {
    var scenario = Scenario()
    scenario.name = "replay-test"
    scenario.horizon = .jobs(jobs)
    scenario.fleet.maxInstances = 8
    scenario.fleet.billing.model = .perSecond
    scenario.policy = .backlog(BacklogPolicy.Parameters())
    return scenario
}

@Suite("trace replay")
struct ReplayTests {
    @Test("replay reproduces the trace's arrivals, encode durations and outcomes exactly")
    func replaysExactly() throws {
        let trace = try sampleTrace()
        #expect(trace.records.count == 2148)
        var scenario = replayScenario(jobs: trace.records.count)
        scenario.workload.errorProbability = 0.3 // the trace's outcomes override the scenario's odds
        let simulation = Simulation(scenario: scenario, replay: trace.replayWorkload(), logJobs: true)
        let result = simulation.run()
        let log = try #require(simulation.jobLog).entries
        #expect(log.map(\.submittedAt) == trace.records.map(\.submittedAt))
        #expect(log.map(\.encodeSeconds) == trace.records.map(\.encodeSeconds))
        #expect(log.map(\.outcome) == trace.records.map { $0.outcome?.rawValue })
        #expect(result.jobs.submitted == trace.records.count)
        #expect(result.jobs.error == trace.records.filter { $0.outcome == .error }.count)
        #expect(result.jobs.finished == trace.records.filter { $0.outcome == .finished }.count)
    }

    @Test("--load-scale divides every submission time by the factor", arguments: [2.0, 1.5, 0.5])
    func loadScale(factor: Double) throws {
        let trace = try sampleTrace()
        let simulation = Simulation(scenario: replayScenario(jobs: trace.records.count),
                                    replay: trace.replayWorkload(loadScale: factor), logJobs: true)
        let result = simulation.run()
        let times = try #require(simulation.jobLog).entries.map(\.submittedAt)
        #expect(times == trace.records.map { $0.submittedAt / factor })
        #expect(result.jobs.submitted == trace.records.count)
    }

    @Test("simultaneous jobs all arrive; a job without encode_seconds draws one")
    func tiesAndMissingFields() throws {
        let trace = try TraceReader.parse("submit_seconds,encode_seconds\n0,50\n100,\n100,\n100,20\n", file: "t.csv")
        var scenario = replayScenario(jobs: 4)
        scenario.workload.encodeSeconds = .constant(value: 77)
        let simulation = Simulation(scenario: scenario, replay: trace.replayWorkload(), logJobs: true)
        let result = simulation.run()
        let log = try #require(simulation.jobLog).entries
        #expect(log.map(\.submittedAt) == [0, 100, 100, 100])
        #expect(log.map(\.encodeSeconds) == [50, 77, 77, 20])
        #expect(result.jobs.finished == 4)
    }

    @Test("a job's download_seconds and upload_seconds are replayed exactly; a job without them draws the scenario's")
    func transfersReplayed() throws {
        let trace = try TraceReader.parse("""
            submit_seconds,download_seconds,encode_seconds,upload_seconds
            1000,10,20,5
            5000,,30,
            """, file: "t.csv")
        #expect(trace.records.map(\.downloadSeconds) == [10, nil])
        #expect(trace.records.map(\.uploadSeconds) == [5, nil])
        // Two instances up long before the first job, waiting on the queue: no job waits.
        var scenario = replayScenario(jobs: 2)
        scenario.policy = .fixed(FixedPolicy.Parameters(instances: 2))
        scenario.fleet.bootSeconds = .constant(value: 0)
        scenario.worker.longPoll = true
        scenario.worker.idleShutdownSeconds = 0
        scenario.workload.downloadSeconds = .constant(value: 99)
        scenario.workload.uploadSeconds = .constant(value: 99)
        let result = Simulation(scenario: scenario, replay: trace.replayWorkload()).run()
        #expect(result.jobs.finished == 2)
        #expect(result.waitSeconds.max == 0)
        // 10 + 20 + 5 from the trace; 99 + 30 + 99 for the job without transfer times.
        #expect(result.turnaroundSeconds.max == 228)
        #expect(result.turnaroundSeconds.mean == Double(35 + 228) / 2)
    }

    @Test("keeping a job log does not change a generated run's result")
    func loggingChangesNothing() throws {
        var scenario = replayScenario(jobs: 3000)
        scenario.workload.errorProbability = 0.05
        scenario.workload.hangProbability = 0.01
        let plain = Simulation(scenario: scenario).run()
        let logged = Simulation(scenario: scenario, logJobs: true)
        #expect(logged.run() == plain)
        #expect(logged.jobLog?.entries.count == 3000)
    }

    @Test("a run's trace written and read back replays to the same result")
    func roundTrip() throws {
        var scenario = replayScenario(jobs: 500)
        scenario.workload.errorProbability = 0.05
        scenario.workload.encodeSeconds = .constant(value: 240) // exact in the CSV's 3 decimals
        let generated = Simulation(scenario: scenario, logJobs: true)
        let first = generated.run()
        let text = TraceWriter.csv(try #require(generated.jobLog).entries, comments: ["synthetic"])
        let trace = try TraceReader.parse(text, file: "roundtrip.csv")
        #expect(trace.records.count == 500)
        let times = generated.jobLog?.entries.map(\.submittedAt) ?? []
        for (record, time) in zip(trace.records, times) { #expect(abs(record.submittedAt - time) <= 0.0005) }
        let replayed = Simulation(scenario: scenario, replay: trace.replayWorkload()).run()
        #expect(replayed.jobs == first.jobs)
    }
}
