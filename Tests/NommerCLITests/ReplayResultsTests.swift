import Foundation
import GRDB
import NommerTestSupport
import Testing

@Suite("nommer-sim replay --db")
struct ReplayResultsTests {
    @Test("replay --db stores the printed run (metrics, quantiles, time series) in a file report reads; a second write is refused")
    func replayIntoResults() throws {
        let folder = try ResultsFiles.folder()
        let db = folder.appendingPathComponent("replay.sqlite").path
        let output = try ToolRunner.run(["replay", "scenarios/traces/sample.csv", "--scenario", "scenarios/diurnal.yaml",
                                         "--policy", "backlog", "--load-scale", "1.5", "--format", "json", "--db", db])
        #expect(output.status == 0, "\(output.stderr)")
        let printed = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        let printedJobs = try #require(printed["jobs"] as? [String: Any])
        let printedCost = try #require((printed["fleet"] as? [String: Any])?["cost_usd"] as? Double)

        let (runs, submitted, cost, quantiles, samples, replayOf) = try ResultsFileReader.open(db).read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM runs") ?? -1,
             try Int.fetchOne(db, sql: "SELECT jobs_submitted FROM runs WHERE id = 0") ?? -1,
             try Double.fetchOne(db, sql: "SELECT cost_usd FROM runs WHERE id = 0") ?? -1,
             try Int.fetchOne(db, sql: "SELECT count(*) FROM latency_quantiles WHERE run_id = 0") ?? -1,
             try Int.fetchOne(db, sql: "SELECT count(*) FROM time_series WHERE run_id = 0") ?? -1,
             try String.fetchOne(db, sql: "SELECT json_extract(definition, '$.replayOf') FROM sweeps WHERE id = 1"))
        }
        #expect(runs == 1)
        #expect(submitted == printedJobs["submitted"] as? Int)
        #expect(abs(cost - printedCost) < 1e-6)
        #expect(quantiles > 0)
        #expect(samples > 0, "time series sampled for the report")
        #expect(replayOf == "scenarios/traces/sample.csv x1.5")

        let html = folder.appendingPathComponent("replay.html").path
        let report = try ToolRunner.run(["report", db, "-o", html])
        #expect(report.status == 0, "\(report.stderr)")
        #expect(FileManager.default.fileExists(atPath: html))

        let again = try ToolRunner.run(["replay", "scenarios/traces/sample.csv", "--db", db])
        #expect(again.status == 2)
        #expect(again.stderr.contains("already exists"), "\(again.stderr)")
    }
}
