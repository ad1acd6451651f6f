import Foundation
import GRDB

/// `nommer-sim merge`: joins the results files of a sweep's shards into one.
public enum ResultsMerge {
    /// Merges `parts` into a new file at `output`; refuses parts of different
    /// sweeps (different fingerprints) and an existing output. A run present
    /// in several parts is taken once. Returns the merged file's run count.
    @discardableResult
    public static func merge(_ parts: [String], into output: String) throws(PlanError) -> Int {
        guard !parts.isEmpty else { throw PlanError("merge: no input files") }
        guard !FileManager.default.fileExists(atPath: output) else {
            throw PlanError("\(output) already exists; merge writes a new file")
        }
        var fingerprint: String?
        for part in parts {
            let stored = try StoredSweep.read(part) { db in try StoredSweep.load(db, path: part) }
            if let fingerprint, stored.fingerprint != fingerprint {
                throw PlanError("\(part) is from a different sweep than \(parts[0]) (fingerprint \(stored.fingerprint), not \(fingerprint)); refusing to merge")
            }
            fingerprint = stored.fingerprint
        }
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(30)
            let queue = try DatabaseQueue(path: output, configuration: configuration)
            try queue.writeWithoutTransaction { db in
                for (index, part) in parts.enumerated() {
                    try db.execute(sql: "ATTACH DATABASE ? AS part", arguments: [part])
                    try db.inTransaction {
                        if index == 0 {
                            for statement in ResultsSchema.statements { try db.execute(sql: statement) }
                            for table in ["sweeps", "configurations", "parameters"] {
                                try db.execute(sql: "INSERT INTO main.\(table) SELECT * FROM part.\(table)")
                            }
                        }
                        try db.execute(sql: """
                            CREATE TEMP TABLE new_runs AS
                            SELECT id FROM part.runs WHERE id NOT IN (SELECT id FROM main.runs)
                            """)
                        try db.execute(sql: "INSERT INTO main.runs SELECT * FROM part.runs WHERE id IN (SELECT id FROM new_runs)")
                        for table in ["latency_quantiles", "time_series"] {
                            try db.execute(sql: """
                                INSERT INTO main.\(table) SELECT * FROM part.\(table)
                                WHERE run_id IN (SELECT id FROM new_runs)
                                """)
                        }
                        try db.execute(sql: "DROP TABLE new_runs")
                        return .commit
                    }
                    try db.execute(sql: "DETACH DATABASE part")
                }
                try db.execute(sql: "UPDATE sweeps SET merged_from = ?", arguments: [ResultsDatabase.json(parts)])
                return
            }
            return try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM runs") ?? 0 }
        } catch let error as PlanError {
            throw error
        } catch {
            throw PlanError("merge into \(output): \(error)")
        }
    }
}
