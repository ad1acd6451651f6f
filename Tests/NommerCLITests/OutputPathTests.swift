import Foundation
import GRDB
import Testing

/// Output options never overwrite an input, and a folder or a missing folder
/// is refused with a plain message before anything runs.
@Suite("nommer-sim output paths")
struct OutputPathTests {
    let folder: URL

    init() throws { folder = try ResultsFiles.folder() }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// A copy of a shipped file in the test's folder.
    func copy(_ shipped: String, to name: String) throws -> String {
        let target = path(name)
        try FileManager.default.copyItem(atPath: ToolRunner.packageRoot.appendingPathComponent(shipped).path, toPath: target)
        return target
    }

    func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    @Test("fit -o the trace: refused with exit 2 naming both, as given, as ./, through a symbolic or a hard link")
    func fitOntoItsTrace() throws {
        let trace = try copy("scenarios/traces/sample.csv", to: "s.csv")
        let original = try bytes(trace)
        let same = try ToolRunner.run(["fit", trace, "-o", trace])
        #expect(same.status == 2)
        #expect(same.stderr == "error: -o \(trace) is the same file as the trace; refusing to overwrite it\n")
        #expect(same.stdout.isEmpty)
        let dotted = folder.path + "/./s.csv"
        let viaDot = try ToolRunner.run(["fit", trace, "-o", dotted])
        #expect(viaDot.status == 2)
        #expect(viaDot.stderr == "error: -o \(dotted) is the same file as the trace (\(trace)); refusing to overwrite it\n")
        let symbolic = path("symbolic.csv"), hard = path("hard.csv")
        try FileManager.default.createSymbolicLink(atPath: symbolic, withDestinationPath: trace)
        try FileManager.default.linkItem(atPath: trace, toPath: hard)
        for (input, output) in [(symbolic, trace), (trace, symbolic), (hard, trace)] {
            let linked = try ToolRunner.run(["fit", input, "-o", output])
            #expect(linked.status == 2)
            #expect(linked.stderr == "error: -o \(output) is the same file as the trace (\(input)); refusing to overwrite it\n")
        }
        #expect(try bytes(trace) == original)
        // Another file in the same folder is fine.
        let fitted = try ToolRunner.run(["fit", trace, "-o", path("fitted.yaml")])
        #expect(fitted.status == 0, "\(fitted.stderr)")
    }

    @Test("run and replay --trace-out, replay and sweep --db, report and merge -o: never an input")
    func everyOutputOption() throws {
        let scenario = try copy("scenarios/baseline.yaml", to: "cp.yaml")
        let trace = try copy("scenarios/traces/sample.csv", to: "s2.csv")
        let results = path("r.sqlite")
        try Data("not read".utf8).write(to: URL(fileURLWithPath: results))
        let originals = try [scenario, trace, results].map(bytes)
        let cases: [([String], String)] = [
            (["run", scenario, "--trace-out", scenario], "--trace-out \(scenario) is the same file as the scenario"),
            (["replay", trace, "--trace-out", trace], "--trace-out \(trace) is the same file as the trace"),
            (["replay", trace, "--scenario", scenario, "--trace-out", scenario],
             "--trace-out \(scenario) is the same file as the scenario"),
            (["replay", trace, "--db", trace], "--db \(trace) is the same file as the trace"),
            (["replay", trace, "--scenario", scenario, "--db", scenario], "--db \(scenario) is the same file as the scenario"),
            (["replay", trace, "--db", path("new.sqlite"), "--trace-out", path("new.sqlite")],
             "--trace-out \(path("new.sqlite")) is the same file as --db"),
            (["sweep", scenario, "--vary", "fleet.max_instances=2,3", "--db", scenario],
             "--db \(scenario) is the same file as the scenario"),
            (["report", results, "-o", results], "-o \(results) is the same file as the results database"),
            (["merge", path("a.sqlite"), results, "-o", results], "-o \(results) is the same file as the part"),
        ]
        for (arguments, message) in cases {
            let output = try ToolRunner.run(arguments)
            #expect(output.status == 2, "\(arguments)")
            #expect(output.stderr == "error: \(message); refusing to overwrite it\n", "\(arguments)")
            #expect(output.stdout.isEmpty, "\(arguments)")
        }
        #expect(try [scenario, trace, results].map(bytes) == originals)
        #expect(!FileManager.default.fileExists(atPath: path("new.sqlite")))
    }

    @Test("bench --json onto a scenario it runs is refused before running")
    func benchOntoItsScenario() throws {
        let scenarios = path("scenarios")
        try FileManager.default.createDirectory(atPath: scenarios, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: ToolRunner.packageRoot.appendingPathComponent("scenarios/mmc.yaml").path,
                                         toPath: scenarios + "/mmc.yaml")
        let output = try ToolRunner.run(["bench", "--case", "mmc16", "--jobs", "100", "--scenarios", scenarios,
                                         "--json", scenarios + "/./mmc.yaml"])
        #expect(output.status == 2)
        #expect(output.stderr == "error: --json \(scenarios)/./mmc.yaml is the same file as the scenario (\(scenarios)/mmc.yaml); refusing to overwrite it\n")
        #expect(output.stdout.isEmpty)
    }

    @Test("a folder where a file is expected: 'PATH is a directory', no NSCocoaErrorDomain")
    func folders() throws {
        let yaml = path("dir.yaml"), csv = path("dir.csv"), out = path("out")
        for folder in [yaml, csv, out] { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        let validate = try ToolRunner.run(["validate", yaml])
        #expect(validate.status == 2)
        #expect(validate.stderr == "error: \(yaml): cannot read scenario file: \(yaml) is a directory\n")
        let replay = try ToolRunner.run(["replay", csv])
        #expect(replay.status == 2)
        #expect(replay.stderr == "error: \(csv): cannot read the trace: \(csv) is a directory\n")
        let sweep = try ToolRunner.run(["sweep", yaml, "--db", path("x.sqlite")])
        #expect(sweep.status == 2)
        #expect(sweep.stderr == "error: \(yaml): cannot read the scenario file: \(yaml) is a directory\n")
        let report = try ToolRunner.run(["report", out, "-o", path("r.html")])
        #expect(report.status == 2)
        #expect(report.stderr == "error: \(out) is a directory, not a results database\n")
        for arguments in [["report", path("any.sqlite"), "-o", out], ["run", "scenarios/baseline.yaml", "--trace-out", out],
                          ["fit", "scenarios/traces/sample.csv", "-o", out]] {
            let output = try ToolRunner.run(arguments)
            #expect(output.status == 1, "\(arguments)")
            let option = arguments[arguments.count - 2]
            #expect(output.stderr == "error: \(out) is a directory; \(option) needs a file path\n", "\(arguments)")
            #expect(output.stdout.isEmpty, "\(arguments): nothing runs")
        }
        for output in [validate, replay, sweep, report] { #expect(!output.stderr.contains("NSCocoaErrorDomain")) }
    }

    @Test("bench --json in a folder that does not exist: a plain message and exit 1, before any case runs")
    func benchMissingFolder() throws {
        let output = try ToolRunner.run(["bench", "--case", "mmc16", "--jobs", "100", "--json", "/nonexistent/x.json"])
        #expect(output.status == 1)
        #expect(output.stderr == "error: cannot write /nonexistent/x.json: no such directory\n")
        #expect(output.stdout.isEmpty)
        let run = try ToolRunner.run(["run", "scenarios/baseline.yaml", "--trace-out", path("missing/t.csv")])
        #expect(run.status == 1)
        #expect(run.stderr == "error: cannot write \(path("missing/t.csv")): no such directory\n")
    }

    @Test("bench --case parallel --jobs 3 says it runs 4 x 1 jobs, and reports the 4 it ran")
    func benchParallelRounding() throws {
        let output = try ToolRunner.run(["bench", "--case", "parallel", "--jobs", "3"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stderr.contains("note: the parallel case runs 4 replications of 1 jobs: 4 jobs, not 3\n"))
        #expect(output.stdout.hasPrefix("parallel               4 jobs"), "\(output.stdout)")
        let even = try ToolRunner.run(["bench", "--case", "parallel", "--jobs", "8"])
        #expect(even.status == 0)
        #expect(!even.stderr.contains("note:"))
        #expect(even.stdout.hasPrefix("parallel               8 jobs"), "\(even.stdout)")
    }

    @Test("sweep --db into another program's SQLite database is refused, naming it, and the file is left as it was")
    func foreignDatabase() throws {
        let other = path("other.sqlite")
        let queue = try DatabaseQueue(path: other)
        try queue.write { try $0.execute(sql: "CREATE TABLE x(a); INSERT INTO x VALUES (1)") }
        try queue.close()
        let scenario = try ToolRunner.temporaryFile(ResultsFiles.scenario)
        let sweep = try ToolRunner.run(["sweep", scenario, "--vary", "fleet.max_instances=2,3", "--db", other])
        #expect(sweep.status == 2)
        #expect(sweep.stderr == "error: \(other) is a database with tables of its own (x) and no sweep; refusing to add results to it: choose another --db\n")
        let resumed = try ToolRunner.run(["sweep", scenario, "--vary", "fleet.max_instances=2,3", "--db", other, "--resume"])
        #expect(resumed.status == 2)
        #expect(resumed.stderr == sweep.stderr)
        let replay = try ToolRunner.run(["replay", "scenarios/traces/sample.csv", "--db", other])
        #expect(replay.status == 2)
        #expect(replay.stderr == "error: \(other) already exists: replay writes a new results database\n")
        let reopened = try DatabaseQueue(path: other)
        let (tables, mode) = try reopened.read { db in
            (try String.fetchAll(db, sql: "SELECT name FROM sqlite_master ORDER BY name"),
             try String.fetchOne(db, sql: "PRAGMA journal_mode"))
        }
        #expect(tables == ["x"])
        #expect(mode == "delete", "not switched to WAL")
    }
}
