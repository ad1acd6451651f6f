import Foundation
import NommerConfig
import NommerCore
import Testing
@testable import NommerSim

@Suite("Simulation runs")
struct SimulationBehaviourTests {
    func json(_ result: SimulationResult) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(result)
    }

    @Test("the same scenario and seed give byte-identical results")
    func deterministic() throws {
        let scenario = ScenarioFixtures.smallDay(seed: 11)
        let first = try json(Simulation(scenario: scenario).run())
        let second = try json(Simulation(scenario: scenario).run())
        #expect(first == second)
    }

    @Test("different seeds give different results")
    func seedsDiffer() throws {
        let first = Simulation(scenario: ScenarioFixtures.smallDay(seed: 1)).run()
        let second = Simulation(scenario: ScenarioFixtures.smallDay(seed: 2)).run()
        #expect(first != second)
        #expect(first.jobs.submitted != second.jobs.submitted || first.waitSeconds != second.waitSeconds)
    }

    @Test("a drained run finishes every job and counts them all")
    func drainedRun() {
        let result = Simulation(scenario: ScenarioFixtures.smallDay()).run()
        #expect(result.jobs.submitted > 100)
        #expect(result.jobs.unfinished == 0)
        #expect(result.jobs.finished + result.jobs.error + result.jobs.abandoned == result.jobs.submitted)
        #expect(result.jobs.error > 0)
        #expect(result.simulatedSeconds >= 6 * 3600)
    }

    @Test("the classic policy never runs more than max_instances, unless overshoot is allowed")
    func classicCap() {
        var scenario = ScenarioFixtures.smallDay()
        // A trickle keeps one or two instances up; then a burst asks for many more.
        scenario.workload.arrivals = .bursts(baseRatePerHour: 20, bursts: [.init(atHour: 2, durationMinutes: 30, ratePerHour: 3000)])
        scenario.fleet.maxInstances = 3
        let capped = Simulation(scenario: scenario).run()
        #expect(capped.fleet.peakInstances == 3)
        scenario.policy = .classic(ClassicPolicy.Parameters(overflowThreshold: 2, allowOvershoot: true))
        let overshoot = Simulation(scenario: scenario).run()
        #expect(overshoot.fleet.peakInstances > 3)
    }

    @Test("hung jobs end ABANDONED after the threshold and nothing stays unfinished")
    func hungJobsAreAbandoned() {
        var scenario = ScenarioFixtures.smallDay(seed: 5)
        scenario.workload.hangProbability = 0.05
        scenario.workload.errorProbability = 0
        let result = Simulation(scenario: scenario).run()
        #expect(result.jobs.abandoned > 0)
        #expect(result.jobs.unfinished == 0)
        // A hung job is abandoned only once its record is older than 9 hours.
        #expect(result.turnaroundSeconds.max >= scenario.feeder.abandonAfterSeconds)
        #expect(result.simulatedSeconds > scenario.feeder.abandonAfterSeconds)
    }

    @Test("with delete-on-finish a crashed worker's job is redelivered and restarted; the original loses it until abandoned")
    func crashedWorkers() {
        var scenario = ScenarioFixtures.smallDay(seed: 9)
        scenario.fleet.meanHoursBetweenFailures = 1
        scenario.fleet.maxInstances = 6
        scenario.worker.visibilityTimeoutSeconds = 600
        scenario.maxDrainHours = 24
        let fixed = Simulation(scenario: scenario).run()
        #expect(fixed.fleet.instanceFailures > 0)
        #expect(fixed.jobs.restarts > 0)
        #expect(fixed.queue.redeliveries > 0)
        #expect(fixed.jobs.abandoned == 0)
        #expect(fixed.jobs.unfinished == 0)

        scenario.worker.deleteOnReceive = true
        let original = Simulation(scenario: scenario).run()
        #expect(original.fleet.instanceFailures > 0)
        #expect(original.jobs.restarts == 0)
        #expect(original.jobs.abandoned > 0)
    }

    @Test("without the job heartbeat an encode longer than the threshold is abandoned")
    func heartbeatPreventsAbandoning() {
        var scenario = ScenarioFixtures.smallDay(seed: 3)
        scenario.horizon = .jobs(5)
        scenario.workload.encodeSeconds = .constant(value: 4 * 3600)
        scenario.workload.errorProbability = 0
        scenario.feeder.abandonAfterSeconds = 3600
        // Enough slots that no job waits PENDING past the threshold (PENDING jobs are abandoned too).
        scenario.policy = .fixed(FixedPolicy.Parameters(instances: 3))
        let fixed = Simulation(scenario: scenario).run()
        #expect(fixed.jobs.finished == 5)
        #expect(fixed.jobs.abandoned == 0)

        scenario.worker.heartbeatRefreshesJob = false
        let original = Simulation(scenario: scenario).run()
        #expect(original.jobs.abandoned == 5)
        #expect(original.jobs.finished == 0)
    }

    @Test("duplicate deliveries never run a job twice to completion")
    func duplicateDeliveries() {
        var scenario = ScenarioFixtures.smallDay(seed: 4)
        scenario.queue.duplicateProbability = 0.3
        let result = Simulation(scenario: scenario).run()
        #expect(result.queue.duplicates > 0)
        #expect(result.jobs.unfinished == 0)
        #expect(result.jobs.finished + result.jobs.error == result.jobs.submitted)
        #expect(result.queue.refusedWrites == 0)
    }

    @Test("the original's one batch of state changes per check still finishes the run")
    func boundedStateChecks() {
        var scenario = ScenarioFixtures.smallDay(seed: 8)
        scenario.feeder.stateChangesPerCheck = 10
        let result = Simulation(scenario: scenario).run()
        #expect(result.jobs.unfinished == 0)
    }

    @Test("the backlog and HPA policies scale the fleet up and back down")
    func autoscalers() {
        for policy in [PolicyConfiguration.backlog(BacklogPolicy.Parameters()), .hpa(HPAPolicy.Parameters())] {
            var scenario = ScenarioFixtures.smallDay(seed: 2)
            scenario.workload.arrivals = .bursts(baseRatePerHour: 10, bursts: [.init(atHour: 1, durationMinutes: 30, ratePerHour: 600)])
            scenario.fleet.maxInstances = 20
            scenario.fleet.billing.model = .perSecond
            scenario.policy = policy
            let result = Simulation(scenario: scenario).run()
            #expect(result.fleet.peakInstances > 5, "\(policy.name)")
            #expect(result.jobs.unfinished == 0, "\(policy.name)")
            #expect(result.fleet.instancesLaunched > result.fleet.peakInstances || result.fleet.peakInstances <= 20)
        }
    }

    @Test("backlog, HPA and fixed fleets never have more than max_instances alive, draining ones included")
    func stoppingInstancesCountAgainstTheMaximum() {
        let policies: [PolicyConfiguration] = [.backlog(BacklogPolicy.Parameters()), .hpa(HPAPolicy.Parameters())]
        for policy in policies {
            for seed: UInt64 in 1...4 {
                var scenario = ScenarioFixtures.smallDay(seed: seed)
                // Bursts 45 minutes apart: instances stopped after one are still
                // draining when the next asks for more.
                scenario.workload.arrivals = .bursts(baseRatePerHour: 10, bursts: [
                    .init(atHour: 1, durationMinutes: 20, ratePerHour: 900, everyHours: 0.75),
                ])
                scenario.fleet.maxInstances = 5
                scenario.policy = policy
                let result = Simulation(scenario: scenario).run()
                #expect(result.fleet.peakInstances == 5, "\(policy.name) seed \(seed)")
                #expect(result.jobs.unfinished == 0, "\(policy.name) seed \(seed)")
            }
        }
    }

    @Test("warm-up deletion leaves early jobs out of the latency figures")
    func warmup() {
        var scenario = ScenarioFixtures.smallDay(seed: 6)
        let all = Simulation(scenario: scenario).run()
        scenario.statistics.warmupHours = 3
        let late = Simulation(scenario: scenario).run()
        #expect(late.jobs.submitted == all.jobs.submitted)
        #expect(late.waitSeconds != all.waitSeconds)
        scenario.statistics.warmupHours = 100
        let none = Simulation(scenario: scenario).run()
        #expect(none.waitSeconds == LatencySummary(mean: 0, p50: 0, p95: 0, p99: 0, max: 0))
        #expect(none.jobs.finished == all.jobs.finished)
    }

    @Test("stale reads by the feeder delay its view but lose no job")
    func eventualConsistency() {
        var scenario = ScenarioFixtures.smallDay(seed: 12)
        scenario.store.eventualConsistencySeconds = 30
        scenario.store.consistentReads = false
        let result = Simulation(scenario: scenario).run()
        #expect(result.jobs.unfinished == 0)
        #expect(result.jobs.abandoned == 0)
    }

    @Test("the account quota caps the fleet below what the policy asks")
    func instanceQuota() {
        var scenario = ScenarioFixtures.smallDay(seed: 13)
        scenario.workload.arrivals = .poisson(ratePerHour: 300)
        scenario.fleet.maxInstances = 10
        scenario.fleet.instanceQuota = 2
        let result = Simulation(scenario: scenario).run()
        #expect(result.fleet.peakInstances == 2)
        #expect(result.jobs.unfinished == 0)
    }

    @Test("memory follows jobs in progress: the store drops finished records")
    func storeStaysSmall() {
        var scenario = ScenarioFixtures.mmc(servers: 4, utilization: 0.8, jobs: 20_000, seed: 1)
        scenario.store.finishedRetentionSeconds = 600
        let simulation = Simulation(scenario: scenario)
        let result = simulation.run()
        #expect(result.jobs.finished == 20_000)
        #expect(simulation.store.count < 500)
        #expect(simulation.feeder.cache.count < 500)
    }

    @Test("a long-polling worker takes a crashed worker's job the moment its message comes back")
    func redeliveryWakesLongPollers() {
        var scenario = ScenarioFixtures.mmc(servers: 2, utilization: 0.1, jobs: 1, seed: 1)
        scenario.workload.encodeSeconds = .constant(value: 3600)
        // Failures are rare, so after one nothing else makes a parked worker
        // receive again: without a wake-up the job would wait until abandoned.
        scenario.fleet.meanHoursBetweenFailures = 20
        scenario.worker.visibilityTimeoutSeconds = 600
        scenario.maxDrainHours = 48
        var checked = 0
        for seed: UInt64 in 1...200 {
            scenario.seed = seed
            let result = Simulation(scenario: scenario).run()
            #expect(result.jobs.finished == 1, "seed \(seed)")
            #expect(result.jobs.abandoned == 0, "seed \(seed)")
            if result.jobs.restarts > 0 { checked += 1 }
        }
        // Some seeds lose the job's worker while it works (about one in twenty).
        #expect(checked >= 3)
    }
}
