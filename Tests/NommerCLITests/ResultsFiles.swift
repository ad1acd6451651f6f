import Foundation
import NommerTestSupport

/// Reading results files in the command-line tests.
enum ResultsFiles {
    /// A small scenario for sweeps: a classic-policy fleet, jobs set by `--jobs`.
    static let scenario = """
        name: cli-sweep
        seed: 9
        jobs: 300
        workload:
          arrivals: {process: poisson, rate_per_hour: 90}
          encode_seconds: {distribution: lognormal, median: 240, sigma: 0.6}
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

    static func dump(_ path: String) throws -> String { try ResultsFileReader.dump(path) }

    static func count(_ path: String, _ sql: String = "SELECT COUNT(*) FROM runs") throws -> Int {
        try ResultsFileReader.count(path, sql)
    }

    static func string(_ path: String, _ sql: String) throws -> String? { try ResultsFileReader.string(path, sql) }

    /// A new empty folder.
    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nommer-sweep-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}
