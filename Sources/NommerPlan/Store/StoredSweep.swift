import Foundation
import GRDB

/// A results file read back: the sweep's metadata, its configurations and
/// its runs' metrics, for summaries, merges and the report.
public struct StoredSweep: Sendable {
    public struct Run: Sendable {
        public var id: Int
        public var configuration: Int
        public var replication: Int
        public var seed: String
        /// In ``RunMetric/all``'s order.
        public var metrics: [Double]
    }

    public var fingerprint: String
    public var commandLine: String
    public var version: String
    public var startedAt: String
    public var definition: SweepDefinition
    public var totalRuns: Int
    /// The `--slo` the sweep was run with, if any.
    public var serviceLevel: String?
    /// Parameters by configuration number.
    public var parameters: [[SweepParameter]]
    /// Runs by ascending number.
    public var runs: [Run]

    /// Reads the file at `path` (read-only).
    public static func load(_ path: String) throws(PlanError) -> StoredSweep {
        try StoredSweep.read(path) { db in try load(db, path: path) }
    }

    static func load(_ db: Database, path: String) throws -> StoredSweep {
        guard try db.tableExists("sweeps"),
              let row = try Row.fetchOne(db, sql: "SELECT * FROM sweeps WHERE id = 1") else {
            throw PlanError("\(path) holds no sweep")
        }
        let schema = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        guard schema == ResultsSchema.version else {
            throw PlanError("\(path) has results schema \(schema); this nommer-sim reads schema \(ResultsSchema.version)")
        }
        let definitionText: String = row["definition"]
        guard let definition = try? JSONDecoder().decode(SweepDefinition.self, from: Data(definitionText.utf8)) else {
            throw PlanError("\(path): the sweep's definition cannot be read")
        }
        let count: Int = row["configurations"]
        let parameters = (0..<count).map { definition.parameters(ofConfiguration: $0) }
        let columns = RunMetric.all.map(\.name).joined(separator: ", ")
        let runs = try Row.fetchAll(db, sql: "SELECT id, configuration, replication, seed, \(columns) FROM runs ORDER BY id")
            .map { row in
                Run(id: row["id"], configuration: row["configuration"], replication: row["replication"],
                    seed: row["seed"], metrics: RunMetric.all.map { row[$0.name] as Double? ?? 0 })
            }
        return StoredSweep(fingerprint: row["fingerprint"], commandLine: row["command_line"], version: row["version"],
                           startedAt: row["started_at"], definition: definition, totalRuns: row["total_runs"],
                           serviceLevel: row["slo"], parameters: parameters, runs: runs)
    }

    /// The analysis of the runs, against `serviceLevel` (or the stored one).
    public func analysis(serviceLevel override: ServiceLevel? = nil) throws(PlanError) -> SweepAnalysis {
        var level = override
        if level == nil, let stored = serviceLevel { level = try ServiceLevel(parsing: stored) }
        return SweepAnalysis(parameters: parameters, runs: runs.map { ($0.configuration, $0.metrics) },
                             serviceLevel: level)
    }

    /// Latency quantiles of run `id`: (quantile, seconds) by metric ("wait", "turnaround").
    public static func quantiles(_ path: String, run id: Int) throws(PlanError) -> [String: [(Double, Double)]] {
        try read(path) { db in
            var result: [String: [(Double, Double)]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT metric, quantile, seconds FROM latency_quantiles WHERE run_id = ? ORDER BY metric, quantile", arguments: [id]) {
                result[row["metric"], default: []].append((row["quantile"], row["seconds"]))
            }
            return result
        }
    }

    /// The time series of run `id`, in time order.
    public static func timeSeries(_ path: String, run id: Int) throws(PlanError) -> [TimeSeriesRow] {
        try read(path) { db in
            try Row.fetchAll(db, sql: "SELECT * FROM time_series WHERE run_id = ? ORDER BY t_seconds", arguments: [id]).map {
                TimeSeriesRow(t: $0["t_seconds"], queueVisible: $0["queue_visible"], queueInFlight: $0["queue_in_flight"],
                              booting: $0["instances_booting"], running: $0["instances_running"],
                              stopping: $0["instances_stopping"], jobsInProgress: $0["jobs_in_progress"])
            }
        }
    }

    static func read<T>(_ path: String, _ body: (Database) throws -> T) throws(PlanError) -> T {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw PlanError("\(path): no such file") }
        guard !isDirectory.boolValue else { throw PlanError("\(path) is a directory, not a results database") }
        do {
            var configuration = Configuration()
            configuration.readonly = true
            configuration.busyMode = .timeout(30)
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            return try queue.read(body)
        } catch let error as PlanError {
            throw error
        } catch {
            throw PlanError("\(path): not a results database (\(error))")
        }
    }
}

/// One sample of a stored time series.
public struct TimeSeriesRow: Sendable {
    public var t: Double
    public var queueVisible: Int
    public var queueInFlight: Int
    public var booting: Int
    public var running: Int
    public var stopping: Int
    public var jobsInProgress: Int
}
