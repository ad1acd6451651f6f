import Foundation
import GRDB

/// Who started a sweep, and when (the `sweeps` row's metadata).
public struct SweepMetadata: Sendable {
    public var commandLine: String
    public var version: String
    /// ISO 8601, UTC.
    public var startedAt: String
    /// The `--slo` given, if any (the report uses it).
    public var serviceLevel: String?

    public init(commandLine: String, version: String, startedAt: String, serviceLevel: String?) {
        self.commandLine = commandLine
        self.version = version
        self.startedAt = startedAt
        self.serviceLevel = serviceLevel
    }
}

/// The SQLite file a sweep writes (schema in docs/results.md). Every
/// finished run is written in one transaction, so a sweep killed at any
/// moment leaves a readable file holding every run that finished.
/// Safe to use from several threads (GRDB serializes the writes).
public final class ResultsDatabase: Sendable {
    let pool: DatabasePool
    public let path: String

    /// Opens (or creates) the file at `path` for `plan`. A file that already
    /// holds a sweep is refused unless `resume` is set and it holds the same
    /// sweep (same fingerprint); a database with tables but no sweep (another
    /// program's) is refused, and left as it was.
    public init(path: String, plan: SweepPlan, metadata: SweepMetadata, resume: Bool) throws(PlanError) {
        self.path = path
        let others = try Self.tablesOtherThanASweep(path)
        guard others.isEmpty else {
            let shown = others.prefix(5).joined(separator: ", ") + (others.count > 5 ? ", ..." : "")
            throw PlanError("\(path) is a database with tables of its own (\(shown)) and no sweep; refusing to add results to it: choose another --db")
        }
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(30) // another process (a reader, a resumed sweep) may hold a lock briefly
            pool = try DatabasePool(path: path, configuration: configuration)
            let definition = plan.definition
            let fingerprint = definition.fingerprint
            try pool.write { db in
                if try db.tableExists("sweeps") {
                    let stored = try String.fetchOne(db, sql: "SELECT fingerprint FROM sweeps WHERE id = 1")
                    guard resume else {
                        throw PlanError("\(path) already holds a sweep: add --resume to finish it, or choose another --db")
                    }
                    guard stored == fingerprint else {
                        throw PlanError("\(path) holds a different sweep (scenario, --set, --seed, --vary or --replications differ); cannot resume it")
                    }
                    // Before any run is written: runs of this schema must not go into a file of another.
                    let schema = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
                    guard schema == ResultsSchema.version else {
                        throw PlanError("\(path) has results schema \(schema); this nommer-sim reads schema \(ResultsSchema.version)")
                    }
                    return
                }
                for statement in ResultsSchema.statements { try db.execute(sql: statement) }
                try Self.insertSweep(db, plan: plan, metadata: metadata)
            }
        } catch let error as PlanError {
            throw error
        } catch {
            throw PlanError("\(path): \(error)")
        }
    }

    /// The tables of an existing SQLite file at `path` when it holds no
    /// `sweeps` table; empty when it has one, has no tables, or does not exist.
    /// Read-only, so the file is not changed (not even put in WAL mode).
    static func tablesOtherThanASweep(_ path: String) throws(PlanError) -> [String] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        do {
            var configuration = Configuration()
            configuration.readonly = true
            configuration.busyMode = .timeout(30)
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            let tables = try queue.read { db in
                try String.fetchAll(db, sql: """
                    SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name
                    """)
            }
            return tables.contains("sweeps") ? [] : tables
        } catch {
            throw PlanError("\(path): not a results database (\(error))")
        }
    }

    private static func insertSweep(_ db: Database, plan: SweepPlan, metadata: SweepMetadata) throws {
        let definition = plan.definition
        try db.execute(sql: """
            INSERT INTO sweeps (id, fingerprint, command_line, version, started_at, scenario_file, scenario_text,
                                set_overrides, seed, grid, replications, configurations, total_runs, slo, definition)
            VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [definition.fingerprint, metadata.commandLine, metadata.version, metadata.startedAt,
                             definition.scenarioFile, definition.scenarioText, json(definition.setOverrides),
                             definition.seed.map { String($0) }, json(definition.axes), definition.replications,
                             plan.configurations.count, plan.runCount, metadata.serviceLevel, json(definition)])
        for configuration in plan.configurations {
            try db.execute(sql: "INSERT INTO configurations VALUES (1, ?, ?)",
                           arguments: [configuration.index, parametersJSON(configuration.parameters)])
            for parameter in configuration.parameters {
                try db.execute(sql: "INSERT INTO parameters VALUES (1, ?, ?, ?)",
                               arguments: [configuration.index, parameter.key, parameter.value])
            }
        }
    }

    /// Run numbers already in the file.
    public func finishedRuns() throws(PlanError) -> Set<Int> {
        do {
            return try pool.read { db in try Int.fetchSet(db, sql: "SELECT id FROM runs") }
        } catch {
            throw PlanError("\(path): \(error)")
        }
    }

    /// Writes one finished run, its latency quantiles and its time series in one transaction.
    public func record(_ record: RunRecord, parameters: [SweepParameter]) throws(PlanError) {
        let metrics = RunMetric.all
        let values = RunMetric.values(of: record.result)
        let columns = metrics.map(\.name).joined(separator: ", ")
        let marks = Array(repeating: "?", count: metrics.count).joined(separator: ", ")
        var arguments: [(any DatabaseValueConvertible)?] = [record.run.id, record.run.configuration,
                                                            record.run.replication, String(record.run.seed),
                                                            Self.parametersJSON(parameters)]
        for (metric, value) in zip(metrics, values) {
            arguments.append(metric.isInteger ? Int64(value) : value)
        }
        do {
            try pool.write { db in
                try db.execute(sql: """
                    INSERT INTO runs (id, sweep_id, configuration, replication, seed, parameters, \(columns))
                    VALUES (?, 1, ?, ?, ?, ?, \(marks))
                    """, arguments: StatementArguments(arguments))
                let quantiles = try db.makeStatement(sql: "INSERT INTO latency_quantiles VALUES (?, ?, ?, ?)")
                for (name, values) in [("wait", record.waitQuantiles), ("turnaround", record.turnaroundQuantiles)] {
                    for (level, seconds) in zip(ResultsSchema.quantileLevels, values) {
                        try quantiles.execute(arguments: [record.run.id, name, level, seconds])
                    }
                }
                let samples = try db.makeStatement(sql: "INSERT INTO time_series VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                for sample in record.timeSeries {
                    try samples.execute(arguments: [record.run.id, sample.t, sample.queueVisible, sample.queueInFlight,
                                                    sample.instancesBooting, sample.instancesRunning,
                                                    sample.instancesStopping, sample.jobsInProgress])
                }
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            // The run is there already: written since this sweep read the file.
            throw PlanError("\(path): run \(record.run.id) was written by another process meanwhile: is another sweep writing this file? (one sweep per file at a time; --resume it once that one ends)")
        } catch {
            throw PlanError("\(path): cannot write run \(record.run.id): \(error)")
        }
    }

    static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }

    /// A configuration's parameters as a JSON object, keys in grid order.
    static func parametersJSON(_ parameters: [SweepParameter]) -> String {
        "{" + parameters.map { "\(json($0.key)):\(json($0.value))" }.joined(separator: ",") + "}"
    }
}
