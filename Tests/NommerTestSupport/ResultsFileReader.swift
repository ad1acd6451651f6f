import GRDB

/// Reads a results database (the sweep and replay `--db` file) in tests,
/// read-only, waiting out a writer that still holds it.
public enum ResultsFileReader {
    public static func open(_ path: String) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(30)
        return try DatabaseQueue(path: path, configuration: configuration)
    }

    /// Every table but `sweeps` (whose command line and start time differ
    /// between invocations), as text, in key order: equal dumps mean equal results.
    public static func dump(_ path: String) throws -> String {
        try open(path).read { db in
            var text = ""
            for (table, order) in [("configurations", "configuration"), ("parameters", "configuration, key"),
                                   ("runs", "id"), ("latency_quantiles", "run_id, metric, quantile"),
                                   ("time_series", "run_id, t_seconds")] {
                text += "\(table)\n"
                for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY \(order)") { text += "\(row)\n" }
            }
            return text
        }
    }

    /// The integer the query answers (by default the number of runs).
    public static func count(_ path: String, _ sql: String = "SELECT COUNT(*) FROM runs") throws -> Int {
        try open(path).read { db in try Int.fetchOne(db, sql: sql) ?? 0 }
    }

    /// The text the query answers.
    public static func string(_ path: String, _ sql: String) throws -> String? {
        try open(path).read { db in try String.fetchOne(db, sql: sql) }
    }
}
