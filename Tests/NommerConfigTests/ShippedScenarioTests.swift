import Foundation
import NommerConfig
import NommerCore
import Testing

/// The package root, found from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func scenarioPath(_ name: String) -> String {
    packageRoot.appendingPathComponent("scenarios").appendingPathComponent(name).path
}

@Suite struct ShippedScenarioTests {
    @Test(arguments: ["baseline.yaml", "diurnal.yaml", "burst.yaml", "mmc.yaml", "hang.yaml", "live-demo.yaml"])
    func loads(_ name: String) throws {
        let scenario = try ScenarioLoader.load(path: scenarioPath(name))
        #expect(scenario.name + ".yaml" == name)
        #expect(!scenario.description.isEmpty)
    }

    @Test func everyShippedFileIsTested() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: packageRoot.appendingPathComponent("scenarios").path)
        #expect(Set(files.filter { $0.hasSuffix(".yaml") })
            == ["baseline.yaml", "diurnal.yaml", "burst.yaml", "mmc.yaml", "hang.yaml", "live-demo.yaml"])
    }

    @Test func liveDemo() throws {
        let scenario = try ScenarioLoader.load(path: scenarioPath("live-demo.yaml"))
        #expect(scenario.policy.name == "backlog")
        #expect(scenario.fleet.maxInstances == 3)
        #expect(scenario.feeder.spawnIntervalSeconds == 1)
        #expect(scenario.worker.longPoll)
        #expect(scenario.worker.idleShutdownSeconds == 3)
    }

    @Test func baseline() throws {
        let scenario = try ScenarioLoader.load(path: scenarioPath("baseline.yaml"))
        #expect(scenario.horizon == .hours(24))
        #expect(scenario.policy == .classic(ClassicPolicy.Parameters(overflowThreshold: 2, allowOvershoot: false)))
        #expect(scenario.fleet.maxInstances == 3)
        #expect(scenario.worker.jobsPerInstance == 2)
        #expect(scenario.worker.pollIntervalSeconds == 60)
        #expect(scenario.workload.arrivals == .poisson(ratePerHour: 20))
        #expect(scenario.workload.encodeSeconds == .lognormal(median: 300, sigma: 0.8))
        #expect(scenario.workload.downloadSeconds == .exponential(mean: 20))
        #expect(scenario.workload.uploadSeconds == .exponential(mean: 15))
        #expect(scenario.fleet.bootSeconds == .constant(value: 90))
        #expect(scenario.fleet.billing.model == .perHour)
        #expect(scenario.fleet.billing.pricePerHour == 0.34)
        #expect(scenario.workload.errorProbability == 0.01)
    }

    @Test func diurnal() throws {
        let scenario = try ScenarioLoader.load(path: scenarioPath("diurnal.yaml"))
        #expect(scenario.workload.arrivals == .diurnal(meanRatePerHour: 120, amplitude: 0.8, peakHour: 14))
        #expect(scenario.policy.name == "backlog")
        #expect(scenario.fleet.maxInstances == 40)
        #expect(scenario.fleet.billing.model == .perSecond)
        #expect(scenario.worker.longPoll)
    }

    @Test func burst() throws {
        let scenario = try ScenarioLoader.load(path: scenarioPath("burst.yaml"))
        #expect(scenario.workload.arrivals == .bursts(baseRatePerHour: 30, bursts: [
            .init(atHour: 9, durationMinutes: 30, ratePerHour: 600),
            .init(atHour: 17, durationMinutes: 20, ratePerHour: 900),
        ]))
        #expect(scenario.policy.name == "hpa")
        #expect(scenario.fleet.maxInstances == 30)
    }

    @Test func mmc() throws {
        let scenario = try ScenarioLoader.load(path: scenarioPath("mmc.yaml"))
        #expect(scenario.policy == .fixed(FixedPolicy.Parameters(instances: 16)))
        #expect(scenario.fleet.maxInstances == 16)
        #expect(scenario.worker.jobsPerInstance == 1)
        #expect(scenario.worker.longPoll)
        #expect(scenario.worker.idleShutdownSeconds == 0)
        #expect(scenario.fleet.bootSeconds == .constant(value: 0))
        #expect(scenario.workload.downloadSeconds == .constant(value: 0))
        #expect(scenario.workload.uploadSeconds == .constant(value: 0))
        #expect(scenario.workload.encodeSeconds == .exponential(mean: 300))
        #expect(scenario.workload.arrivals == .poisson(ratePerHour: 172.8))
        #expect(scenario.horizon == .jobs(200_000))
        #expect(scenario.fleet.billing.model == .perSecond)
        // Utilization 0.9.
        let rho = 172.8 / 3600 * 300 / 16
        #expect(abs(rho - 0.9) < 1e-12)
    }

    @Test func hang() throws {
        let scenario = try ScenarioLoader.load(path: scenarioPath("hang.yaml"))
        #expect(scenario.workload.hangProbability == 0.05)
        #expect(scenario.drain)
        #expect(scenario.feeder.abandonAfterSeconds == 32400)
    }

    @Test func missingFile() {
        let error = #expect(throws: ScenarioError.self) {
            try ScenarioLoader.load(path: "/nonexistent/nope.yaml")
        }
        #expect(error?.file == "/nonexistent/nope.yaml")
        #expect(error?.description.hasPrefix("/nonexistent/nope.yaml: cannot read scenario file") == true)
    }
}
