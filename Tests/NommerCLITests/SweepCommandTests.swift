import Foundation
import Testing

@Suite("nommer-sim sweep, merge and report")
struct SweepCommandTests {
    let folder: URL
    let scenario: String

    init() throws {
        folder = try ResultsFiles.folder()
        scenario = folder.appendingPathComponent("sweep.yaml").path
        try ResultsFiles.scenario.write(toFile: scenario, atomically: true, encoding: .utf8)
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    func sweep(_ db: String, _ extra: [String] = []) throws -> ToolRunner.Output {
        try ToolRunner.run(["sweep", scenario, "--vary", "fleet.max_instances=2,4", "--vary", "policy.overflow_threshold=1:2:1",
                            "--replications", "3", "--db", db] + extra)
    }

    @Test("bad --vary, ranges and SLOs are refused before anything runs", arguments: [
        (["--vary", "fleet.max_instancez=2,4"], "max_instancez"),
        (["--vary", "fleet.max_instances=4:2:1"], "empty range"),
        (["--vary", "fleet.max_instances="], "empty value list"),
        (["--vary", "fleet.max_instances=2,x"], "fleet.max_instances"),
        (["--vary", "fleet.max_instances=2", "--slo", "wait_p96<=600"], "unknown metric 'wait_p96'"),
        (["--vary", "fleet.max_instances=2", "--shard", "2/2"], "--shard"),
    ])
    func refused(_ arguments: [String], _ message: String) throws {
        let db = path("refused.sqlite")
        let output = try ToolRunner.run(["sweep", scenario, "--replications", "2", "--db", db] + arguments)
        #expect(output.status == 2)
        #expect(output.stderr.contains(message), "\(output.stderr)")
        #expect(!FileManager.default.fileExists(atPath: db))
    }

    @Test("a sweep prints progress lines, the SLO's verdict and the frontier; the file holds every run")
    func sweepPrints() throws {
        let db = path("all.sqlite")
        let output = try sweep(db, ["--slo", "wait_p95<=900", "--threads", "2"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("sweep: 12/12 runs (100%)"))
        #expect(output.stdout.contains("4 configurations x 3 replications"))
        #expect(output.stdout.contains("with 95% confidence"))
        #expect(output.stdout.contains("Pareto frontier, cost_usd against wait_p95"))
        #expect(try ResultsFiles.count(db) == 12)
        #expect(try ResultsFiles.string(db, "SELECT slo FROM sweeps") == "wait_p95<=900")
        #expect(try ResultsFiles.string(db, "SELECT command_line FROM sweeps")?.contains("--slo 'wait_p95<=900'") == true)
        let again = try sweep(db)
        #expect(again.status == 2)
        #expect(again.stderr.contains("--resume"))
    }

    @Test("two shards merged equal the unsharded sweep; parts of another sweep are refused")
    func shardsMerge() throws {
        let whole = path("whole.sqlite"), part0 = path("part0.sqlite"), part1 = path("part1.sqlite")
        #expect(try sweep(whole, ["--threads", "2"]).status == 0)
        #expect(try sweep(part0, ["--shard", "0/2", "--threads", "1"]).status == 0)
        #expect(try sweep(part1, ["--shard", "1/2", "--threads", "2"]).status == 0)
        #expect(try ResultsFiles.count(part0) == 6)
        let merged = path("merged.sqlite")
        let output = try ToolRunner.run(["merge", part0, part1, "-o", merged])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("12 of 12 runs"))
        #expect(try ResultsFiles.dump(merged) == ResultsFiles.dump(whole))

        let other = path("other.sqlite")
        #expect(try sweep(other, ["--shard", "1/2", "--seed", "77"]).status == 0)
        let refused = try ToolRunner.run(["merge", part0, other, "-o", path("refused.sqlite")])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("different sweep"))
    }

    @Test("a sweep killed (kill -9) or interrupted (Ctrl-C) leaves every finished run; --resume finishes it as if never interrupted",
          arguments: [SIGKILL, SIGINT])
    func killAndResume(signal: Int32) throws {
        let arguments = ["--vary", "fleet.max_instances=2,4", "--replications", "6", "--jobs", "3000"]
        let whole = path("uninterrupted-\(signal).sqlite"), killed = path("killed-\(signal).sqlite")
        let reference = try ToolRunner.run(["sweep", scenario, "--db", whole, "--threads", "2"] + arguments)
        #expect(reference.status == 0, "\(reference.stderr)")

        let child = try ToolRunner.start(["sweep", scenario, "--db", killed, "--threads", "1"] + arguments)
        // Wait (polling, with a deadline) until some runs are in the file, then send the signal.
        let deadline = Date().addingTimeInterval(120)
        var finished = 0
        while Date() < deadline, child.isRunning {
            finished = (try? ResultsFiles.count(killed)) ?? 0
            if finished >= 3 { break }
            Thread.sleep(forTimeInterval: 0.02)
        }
        try #require(child.isRunning, "the sweep ended before it could be killed; make its runs longer")
        kill(child.processIdentifier, signal)
        child.waitUntilExit()
        #expect(child.terminationReason == .uncaughtSignal)

        let kept = try ResultsFiles.count(killed)
        #expect(kept >= 3 && kept < 12, "\(kept) runs kept")
        // Every run in the file is whole: its quantiles and time series are there too.
        #expect(try ResultsFiles.count(killed, "SELECT COUNT(DISTINCT run_id) FROM time_series") == kept)
        #expect(try ResultsFiles.count(killed, "SELECT COUNT(*) FROM latency_quantiles") == kept * 2 * 102)

        let resumed = try ToolRunner.run(["sweep", scenario, "--db", killed, "--threads", "2", "--resume"] + arguments)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("\(kept) already done"))
        #expect(resumed.stderr.contains("for \(12 - kept) runs"))
        #expect(try ResultsFiles.dump(killed) == ResultsFiles.dump(whole))
    }
}
