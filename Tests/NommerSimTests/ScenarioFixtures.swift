import Foundation
import NommerConfig
import NommerCore
@testable import NommerSim

/// Scenarios built in code for the simulator's tests.
enum ScenarioFixtures {
    /// The M/M/c queue: c single-job instances always up, no boot time,
    /// Poisson arrivals at utilization `rho`, exponential encodes of mean 300 s.
    static func mmc(servers: Int, utilization rho: Double, jobs: Int, seed: UInt64) -> Scenario {
        var scenario = Scenario()
        scenario.name = "mmc-\(servers)-\(rho)"
        scenario.seed = seed
        scenario.horizon = .jobs(jobs)
        scenario.workload.arrivals = .poisson(ratePerHour: rho * Double(servers) * 3600 / 300)
        scenario.workload.encodeSeconds = .exponential(mean: 300)
        scenario.workload.downloadSeconds = .constant(value: 0)
        scenario.workload.uploadSeconds = .constant(value: 0)
        scenario.fleet.bootSeconds = .constant(value: 0)
        scenario.fleet.maxInstances = servers
        scenario.fleet.billing.model = .perSecond
        scenario.worker.jobsPerInstance = 1
        scenario.worker.longPoll = true
        scenario.worker.idleShutdownSeconds = 0
        scenario.policy = .fixed(FixedPolicy.Parameters(instances: servers))
        return scenario
    }

    /// A small classic-policy day.
    static func smallDay(seed: UInt64 = 7) -> Scenario {
        var scenario = Scenario()
        scenario.name = "small-day"
        scenario.seed = seed
        scenario.horizon = .hours(6)
        scenario.workload.arrivals = .poisson(ratePerHour: 30)
        scenario.workload.encodeSeconds = .lognormal(median: 240, sigma: 0.7)
        scenario.workload.downloadSeconds = .exponential(mean: 20)
        scenario.workload.uploadSeconds = .exponential(mean: 10)
        scenario.workload.errorProbability = 0.02
        return scenario
    }
}
