import Foundation
import NommerTestSupport
@testable import NommerPlan

/// Small sweeps and a canonical dump of a results file, for comparisons.
enum PlanFixtures {
    /// A few hundred jobs on a small classic-policy fleet: milliseconds a run.
    static let scenario = """
        name: small
        seed: 5
        jobs: 300
        workload:
          arrivals: {process: poisson, rate_per_hour: 90}
          download_seconds: {distribution: exponential, mean: 10}
          encode_seconds: {distribution: lognormal, median: 240, sigma: 0.6}
          upload_seconds: 5
        fleet:
          boot_seconds: 60
          max_instances: 4
          billing: {model: per_second, price_per_hour: 0.5}
        worker:
          jobs_per_instance: 2
          long_poll: true
        policy:
          name: classic
          overflow_threshold: 2
        """

    static func definition(vary: [String] = ["fleet.max_instances=2,4", "worker.jobs_per_instance=1:2:1"],
                           replications: Int = 3) throws -> SweepDefinition {
        SweepDefinition(scenarioFile: "small.yaml", scenarioText: scenario,
                        axes: try vary.map { try SweepAxis(parsing: $0) }, replications: replications)
    }

    static func temporaryPath(_ name: String = "results.sqlite") -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nommer-plan-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.appendingPathComponent(name).path
    }

    static let metadata = SweepMetadata(commandLine: "test", version: "test", startedAt: "2026-01-01T00:00:00Z",
                                        serviceLevel: nil)

    static func dump(_ path: String) throws -> String { try ResultsFileReader.dump(path) }

    static func count(_ path: String, _ table: String = "runs") throws -> Int {
        try ResultsFileReader.count(path, "SELECT COUNT(*) FROM \(table)")
    }
}
