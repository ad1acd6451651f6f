import Foundation
import NommerTestSupport
import Testing
@testable import NommerPlan

/// Stored latency quantiles never decrease with the quantile, and no
/// percentile of the `runs` table exceeds its maximum (scenarios/hang.yaml's
/// sweep had 11 inverted quantile pairs and 4 runs with p99 > max before
/// percentiles were clamped).
@Suite("Latency quantiles in the results database")
struct QuantileOrderTests {
    @Test("scenarios/hang.yaml swept: quantiles non-decreasing, p95 and p99 never above max")
    func ordered() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("scenarios/hang.yaml"), encoding: .utf8)
        let definition = SweepDefinition(scenarioFile: "hang.yaml", scenarioText: text,
                                         axes: [try SweepAxis(parsing: "fleet.max_instances=2,3")], replications: 3)
        let plan = try SweepPlan(definition)
        let path = PlanFixtures.temporaryPath()
        let database = try ResultsDatabase(path: path, plan: plan, metadata: PlanFixtures.metadata, resume: false)
        #expect(try SweepRunner.run(plan, shard: .all, threads: 2, database: database) == 6)
        #expect(try ResultsFileReader.count(path, """
            SELECT COUNT(*) FROM latency_quantiles a JOIN latency_quantiles b
            ON a.run_id = b.run_id AND a.metric = b.metric AND a.quantile < b.quantile AND a.seconds > b.seconds
            """) == 0)
        #expect(try ResultsFileReader.count(path, """
            SELECT COUNT(*) FROM runs WHERE wait_p95 > wait_max OR wait_p99 > wait_max
            OR turnaround_p95 > turnaround_max OR turnaround_p99 > turnaround_max OR wait_p50 > wait_p95
            """) == 0)
        #expect(try ResultsFileReader.count(path, """
            SELECT COUNT(*) FROM latency_quantiles q JOIN runs r ON r.id = q.run_id
            WHERE q.quantile = 1 AND q.seconds != CASE q.metric WHEN 'wait' THEN r.wait_max ELSE r.turnaround_max END
            """) == 0)
    }
}
