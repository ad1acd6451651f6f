import NommerConfig
import Testing
@testable import NommerSim

/// The simulator, running the whole core (feeder, workers, cache, fixed
/// policy, simulated SQS and SimpleDB), against the M/M/c queue's closed form.
///
/// Sized for a release build (`swift test -c release -Xswiftc -enable-testing`):
/// the number of jobs per case is chosen so the standard error of the mean
/// wait is about a third of the 5% tolerance, measured over several seeds with
/// `nommer-sim run scenarios/mmc.yaml --set jobs=N --seed S` (for example
/// about 2% at 1.5 million jobs for c = 16, rho = 0.9). Rare waits at low load
/// and long correlations at high load need the most jobs.
@Suite("Simulated M/M/c against Erlang C")
struct ErlangCValidationTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let servers: Int
        let utilization: Double
        let jobs: Int
        var testDescription: String { "c=\(servers) rho=\(utilization) (\(jobs) jobs)" }
    }

    static let cases: [Case] = [
        Case(servers: 1, utilization: 0.5, jobs: 400_000),
        Case(servers: 1, utilization: 0.8, jobs: 1_500_000),
        Case(servers: 1, utilization: 0.9, jobs: 3_000_000),
        Case(servers: 4, utilization: 0.5, jobs: 800_000),
        Case(servers: 4, utilization: 0.8, jobs: 1_000_000),
        Case(servers: 4, utilization: 0.9, jobs: 3_000_000),
        Case(servers: 16, utilization: 0.5, jobs: 8_000_000),
        Case(servers: 16, utilization: 0.8, jobs: 2_000_000),
        Case(servers: 16, utilization: 0.9, jobs: 3_000_000),
    ]

    @Test("mean wait within 5% of Erlang C", arguments: cases)
    func meanWaitMatchesErlangC(_ testCase: Case) {
        let scenario = ScenarioFixtures.mmc(servers: testCase.servers, utilization: testCase.utilization,
                                            jobs: testCase.jobs, seed: 20_261_123)
        let result = Simulation(scenario: scenario).run()
        let lambda = testCase.utilization * Double(testCase.servers) / 300
        let expected = QueueingTheory.meanWait(servers: testCase.servers, arrivalsPerSecond: lambda, meanServiceSeconds: 300)
        let relativeError = abs(result.waitSeconds.mean - expected) / expected
        #expect(result.jobs.finished == testCase.jobs)
        #expect(relativeError < 0.05, "simulated \(result.waitSeconds.mean) s, Erlang C \(expected) s")
        #expect(abs(result.fleet.utilization - testCase.utilization) < 0.02)
    }

    @Test("Little's law holds on the simulated new-job queue")
    func littlesLaw() {
        let scenario = ScenarioFixtures.mmc(servers: 4, utilization: 0.8, jobs: 50_000, seed: 3)
        let result = Simulation(scenario: scenario).run()
        // L x T (time integral of jobs waiting) = sum of waits = n x W, on every sample path.
        let area = result.queue.meanVisible * result.simulatedSeconds
        let waits = result.waitSeconds.mean * Double(result.jobs.submitted)
        #expect(waits > 0)
        #expect(abs(area - waits) / waits < 1e-6)
        // And L = lambda W with the arrival rate the scenario asked for, within sampling error.
        let lambda = 0.8 * 4 / 300
        #expect(abs(result.queue.meanVisible - lambda * result.waitSeconds.mean) / result.queue.meanVisible < 0.03)
    }
}
