import Foundation
import GRDB
import Testing
@testable import NommerPlan

@Suite("Sweeps into the results database")
struct SweepRunnerTests {
    func sweep(_ path: String, threads: Int, shard: Shard = .all, resume: Bool = false,
               definition: SweepDefinition? = nil) throws -> Int {
        let plan = try SweepPlan(definition ?? PlanFixtures.definition())
        let database = try ResultsDatabase(path: path, plan: plan, metadata: PlanFixtures.metadata, resume: resume)
        return try SweepRunner.run(plan, shard: shard, threads: threads, database: database)
    }

    @Test("1 thread and 2 threads write the same results")
    func threadsDoNotMatter() throws {
        let one = PlanFixtures.temporaryPath(), two = PlanFixtures.temporaryPath()
        #expect(try sweep(one, threads: 1) == 12)
        #expect(try sweep(two, threads: 2) == 12)
        #expect(try PlanFixtures.dump(one) == PlanFixtures.dump(two))
        #expect(try PlanFixtures.count(one) == 12)
        #expect(try PlanFixtures.count(one, "time_series") > 12)
        #expect(try PlanFixtures.count(one, "latency_quantiles") == 12 * 2 * 102)
    }

    @Test("resume runs only what is missing and ends with the same file")
    func resume() throws {
        let whole = PlanFixtures.temporaryPath(), resumed = PlanFixtures.temporaryPath()
        _ = try sweep(whole, threads: 2)
        #expect(try sweep(resumed, threads: 2, shard: Shard(index: 1, count: 3)) == 4)
        #expect(throws: PlanError.self) { try sweep(resumed, threads: 2) } // no --resume
        #expect(try sweep(resumed, threads: 2, resume: true) == 8)
        #expect(try sweep(resumed, threads: 2, resume: true) == 0)
        #expect(try PlanFixtures.dump(whole) == PlanFixtures.dump(resumed))
        // A different sweep cannot resume into the file.
        #expect(throws: PlanError.self) {
            _ = try sweep(resumed, threads: 1, resume: true, definition: PlanFixtures.definition(replications: 2))
        }
    }

    @Test("resume refuses a file of another results schema before writing any run")
    func resumeChecksTheSchemaFirst() throws {
        let path = PlanFixtures.temporaryPath()
        #expect(try sweep(path, threads: 1, shard: Shard(index: 0, count: 2)) == 6)
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: "PRAGMA user_version = \(ResultsSchema.version + 1)") }
        try queue.close()
        #expect {
            try sweep(path, threads: 1, resume: true)
        } throws: { "\($0)" == "\(path) has results schema \(ResultsSchema.version + 1); this nommer-sim reads schema \(ResultsSchema.version)" }
        #expect(try PlanFixtures.count(path) == 6)
    }

    @Test("a run another process wrote meanwhile is named as such, not as a raw SQL error")
    func runWrittenMeanwhile() throws {
        let path = PlanFixtures.temporaryPath()
        let plan = try SweepPlan(PlanFixtures.definition())
        let first = try ResultsDatabase(path: path, plan: plan, metadata: PlanFixtures.metadata, resume: false)
        let second = try ResultsDatabase(path: path, plan: plan, metadata: PlanFixtures.metadata, resume: true)
        let run = plan.run(0)
        let record = RunRecord.simulate(run, of: plan)
        try first.record(record, parameters: plan.configurations[run.configuration].parameters)
        #expect {
            try second.record(record, parameters: plan.configurations[run.configuration].parameters)
        } throws: {
            "\($0)" == "\(path): run 0 was written by another process meanwhile: is another sweep writing this file? (one sweep per file at a time; --resume it once that one ends)"
        }
        #expect(try PlanFixtures.count(path) == 1)
    }

    @Test("two shards merged equal the whole sweep; parts of other sweeps are refused")
    func shardsMerge() throws {
        let whole = PlanFixtures.temporaryPath(), part0 = PlanFixtures.temporaryPath(), part1 = PlanFixtures.temporaryPath()
        _ = try sweep(whole, threads: 2)
        #expect(try sweep(part0, threads: 1, shard: Shard(index: 0, count: 2)) == 6)
        #expect(try sweep(part1, threads: 2, shard: Shard(index: 1, count: 2)) == 6)
        let merged = PlanFixtures.temporaryPath("merged.sqlite")
        #expect(try ResultsMerge.merge([part0, part1], into: merged) == 12)
        #expect(try PlanFixtures.dump(merged) == PlanFixtures.dump(whole))
        #expect(try StoredSweep.load(merged).fingerprint == StoredSweep.load(whole).fingerprint)
        #expect(throws: PlanError.self) { try ResultsMerge.merge([part0, part1], into: merged) } // exists

        let other = PlanFixtures.temporaryPath()
        _ = try sweep(other, threads: 2, shard: Shard(index: 1, count: 2), definition: PlanFixtures.definition(replications: 2))
        #expect {
            try ResultsMerge.merge([part0, other], into: PlanFixtures.temporaryPath("refused.sqlite"))
        } throws: { "\($0)".contains("different sweep") }
    }

    @Test("stored runs give the statistics and the summary")
    func analysis() throws {
        let path = PlanFixtures.temporaryPath()
        _ = try sweep(path, threads: 2)
        let stored = try StoredSweep.load(path)
        #expect(stored.runs.count == 12)
        #expect(stored.parameters.count == 4)
        let analysis = try stored.analysis(serviceLevel: ServiceLevel(parsing: "wait_p95<=100000"))
        #expect(analysis.summaries.count == 4)
        #expect(analysis.summaries.allSatisfy { $0("jobs_submitted")?.mean == 300 })
        #expect(analysis.meeting.count == 4)
        let cheapest = try #require(analysis.cheapest)
        let cost = { (id: Int) in analysis.summary(id)?("cost_usd")?.mean ?? .infinity }
        #expect(analysis.summaries.allSatisfy { cost($0.configuration) >= cost(cheapest) })
        #expect(!analysis.frontier.isEmpty && analysis.frontier.first == analysis.summaries.min { cost($0.configuration) < cost($1.configuration) }?.configuration)
        let text = SweepSummaryText.render(stored, analysis: analysis)
        #expect(text.contains("cheapest meeting wait_p95<=100000 with 95% confidence: configuration \(cheapest)"))
        #expect(text.contains("Pareto frontier"))
    }

    @Test("warm-up deletion through the grid: early jobs leave the latency figures, not the counts")
    func warmup() throws {
        let path = PlanFixtures.temporaryPath()
        _ = try sweep(path, threads: 2, definition: PlanFixtures.definition(vary: ["statistics.warmup_hours=0,1,100"], replications: 2))
        let analysis = try StoredSweep.load(path).analysis()
        let submitted = analysis.summaries.map { $0("jobs_submitted")?.mean }
        #expect(submitted == [300, 300, 300])
        let waits = analysis.summaries.map { $0("wait_mean")?.mean ?? -1 }
        #expect(waits[0] != waits[1])
        #expect(waits[2] == 0) // every job arrived inside the warm-up
        #expect(try PlanFixtures.count(path, "latency_quantiles") == 6 * 2 * 102)
    }

    @Test("the report is one self-contained page with the charts and the table")
    func report() throws {
        let path = PlanFixtures.temporaryPath()
        _ = try sweep(path, threads: 2)
        let html = try HTMLReport.render(path: path, serviceLevel: ServiceLevel(parsing: "wait_p95<=600"))
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("<script"))
        #expect(!html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "").contains("http"))
        #expect(html.components(separatedBy: "<svg xmlns").count - 1 >= 4)
        #expect(html.contains("<table>"))
        #expect(html.components(separatedBy: "<tr class=").count - 1 == 4)
        let chosen = try HTMLReport.render(path: path, runs: [0, 11])
        #expect(chosen.contains("run 11: fleet.max_instances=4 worker.jobs_per_instance=2"))
        #expect(throws: PlanError.self) { try HTMLReport.render(path: path, runs: [12]) }
    }
}
