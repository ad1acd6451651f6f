import Foundation
import NommerConfig
import NommerCore
import Testing
@testable import NommerSim

@Suite("Time-series sampling")
struct SamplingTests {
    @Test("sampling observes without changing the run's result")
    func samplingDoesNotPerturb() {
        var scenario = ScenarioFixtures.smallDay(seed: 21)
        scenario.fleet.meanHoursBetweenFailures = 2 // redeliveries: the queue's lazy expiry must not be forced
        let off = Simulation(scenario: scenario)
        let plain = off.run()
        #expect(off.timeSeries.isEmpty)
        scenario.statistics.sampleIntervalSeconds = 60
        let on = Simulation(scenario: scenario)
        let sampled = on.run()
        #expect(sampled == plain)
        #expect(plain.queue.redeliveries > 0)
        // One sample a minute from time 0 over the run's length.
        let expected = Int((plain.simulatedSeconds / 60).rounded(.down))
        #expect(on.timeSeries.count >= expected && on.timeSeries.count <= expected + 2)
        #expect(on.timeSeries.first?.t == 0)
        #expect(zip(on.timeSeries, on.timeSeries.dropFirst()).allSatisfy { $1.t - $0.t == 60 })
    }

    @Test("a sample is never the event that ends a drained run", arguments: [1, 7, 31] as [Double])
    func samplingAtTheEnd(_ interval: Double) {
        for seed in UInt64(30)..<UInt64(36) {
            var scenario = ScenarioFixtures.smallDay(seed: seed)
            scenario.horizon = .hours(2.001) // the window ends between two feeder ticks
            scenario.workload.arrivals = .poisson(ratePerHour: 4) // the fleet idles before the arrival window ends
            let plain = Simulation(scenario: scenario).run()
            scenario.statistics.sampleIntervalSeconds = interval
            let simulation = Simulation(scenario: scenario)
            let sampled = simulation.run()
            #expect(sampled == plain, "seed \(seed), interval \(interval)")
            #expect(simulation.timeSeries.last.map { $0.t <= plain.simulatedSeconds } ?? false)
        }
    }

    @Test("samples agree with the run's figures")
    func samplesAgree() {
        var scenario = ScenarioFixtures.smallDay(seed: 22)
        scenario.statistics.sampleIntervalSeconds = 30
        let simulation = Simulation(scenario: scenario)
        let result = simulation.run()
        let series = simulation.timeSeries
        let peak = series.map { $0.instancesBooting + $0.instancesRunning + $0.instancesStopping }.max() ?? 0
        #expect(peak >= 1 && peak <= result.fleet.peakInstances)
        #expect(series.allSatisfy { $0.jobsInProgress <= ($0.instancesRunning + $0.instancesStopping) * scenario.worker.jobsPerInstance })
        // The sampled mean queue depth approximates the exact time average.
        let sampledMean = Double(series.map(\.queueVisible).reduce(0, +)) / Double(series.count)
        #expect(abs(sampledMean - result.queue.meanVisible) <= 0.25 * max(1, result.queue.meanVisible))
        #expect(series.contains { $0.queueVisible > 0 })
    }

    @Test("latency quantiles rise from 0 to the maximum")
    func quantiles() {
        let simulation = Simulation(scenario: ScenarioFixtures.smallDay(seed: 23))
        let result = simulation.run()
        let levels = [0, 0.5, 0.95, 1]
        let (wait, turnaround) = simulation.latencyQuantiles(levels)
        #expect(wait.last == result.waitSeconds.max)
        #expect(turnaround.last == result.turnaroundSeconds.max)
        #expect(abs(turnaround[2] - result.turnaroundSeconds.p95) < 1e-9)
        #expect(zip(turnaround, turnaround.dropFirst()).allSatisfy { $0 <= $1 })
    }
}
