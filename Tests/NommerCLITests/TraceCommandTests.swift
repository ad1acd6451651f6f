import Foundation
import Testing

@Suite("nommer-sim replay, fit and run --trace-out")
struct TraceCommandTests {
    @Test("replay prints the same JSON fields as run, one job per trace line, for every policy")
    func replayJSON() throws {
        let run = try ToolRunner.run(["run", "scenarios/baseline.yaml", "--format", "json"])
        let runKeys = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]).keys
        for policy in ["classic", "backlog", "hpa", "fixed"] {
            let output = try ToolRunner.run(["replay", "scenarios/traces/sample.csv", "--scenario", "scenarios/diurnal.yaml",
                                             "--policy", policy, "--format", "json"])
            #expect(output.status == 0, "\(policy): \(output.stderr)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
            #expect(Set(object.keys) == Set(runKeys))
            #expect(object["policy"] as? String == policy)
            let jobs = try #require(object["jobs"] as? [String: Any])
            #expect(jobs["submitted"] as? Int == 2148)
            #expect(jobs["error"] as? Int == 23, "the trace's error outcomes")
        }
    }

    @Test("replay without a scenario uses the defaults; --load-scale 2 halves every arrival time")
    func loadScale() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("replay-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let one = folder.appendingPathComponent("one.csv").path, two = folder.appendingPathComponent("two.csv").path
        let first = try ToolRunner.run(["replay", "scenarios/traces/sample.csv", "--trace-out", one])
        let second = try ToolRunner.run(["replay", "scenarios/traces/sample.csv", "--load-scale", "2", "--trace-out", two])
        #expect(first.status == 0 && second.status == 0, "\(first.stderr) \(second.stderr)")
        #expect(first.stdout.contains("scenario replay: policy classic"))
        func times(_ path: String) throws -> [Double] {
            try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
                .filter { !$0.hasPrefix("#") && !$0.hasPrefix("submit") }
                .compactMap { $0.split(separator: ",", omittingEmptySubsequences: false).first.flatMap { Double($0) } }
        }
        let original = try times("scenarios/traces/sample.csv")
        #expect(try times(one) == original)
        let halved = try times(two)
        #expect(halved.count == original.count)
        #expect(zip(halved, original).allSatisfy { abs($0 - $1 / 2) <= 0.00051 }) // 3 decimals written
        let bad = try ToolRunner.run(["replay", "scenarios/traces/sample.csv", "--load-scale", "0"])
        #expect(bad.status != 0)
        // A scale that would stretch the trace past 1000 years is refused, not run for ever.
        let tiny = try ToolRunner.run(["replay", "scenarios/traces/sample.csv", "--load-scale", "1e-300"])
        #expect(tiny.status == 2)
        #expect(tiny.stderr.contains("--load-scale 1e-300 stretches the trace's 71.6 h to"), "\(tiny.stderr)")
        #expect(tiny.stdout.isEmpty)
    }

    @Test("a malformed line stops replay with file:line and exit 2; --skip-bad goes on and counts")
    func malformed() throws {
        let path = try ToolRunner.temporaryFile("""
            submit_seconds,encode_seconds,outcome
            0,100,finished
            60,abc,finished
            120,100,maybe
            180,100,finished
            240,-1,error
            """, name: "bad.csv")
        let stopped = try ToolRunner.run(["replay", path])
        #expect(stopped.status == 2)
        #expect(stopped.stderr.contains("\(path):3: encode_seconds is not a number >= 0: 'abc'"), "\(stopped.stderr)")
        let skipped = try ToolRunner.run(["replay", path, "--skip-bad", "--format", "json"])
        #expect(skipped.status == 0, "\(skipped.stderr)")
        #expect(skipped.stderr.contains("skipped 3 bad lines of 5"))
        #expect(skipped.stderr.contains("2 x encode_seconds is not a number >= 0 (first at line 3: 'abc')"))
        #expect(skipped.stderr.contains("1 x outcome is not finished or error (first at line 4: 'maybe')"))
        #expect(skipped.stdout.contains("\"submitted\" : 2"))
    }

    @Test("a CRLF copy of the sample replays and fits like the sample: 2148 jobs")
    func crlfTrace() throws {
        let text = try String(contentsOfFile: "\(ToolRunner.packageRoot.path)/scenarios/traces/sample.csv", encoding: .utf8)
        let path = try ToolRunner.temporaryFile(text.replacingOccurrences(of: "\n", with: "\r\n"), name: "crlf.csv")
        let replay = try ToolRunner.run(["replay", path, "--format", "json"])
        #expect(replay.status == 0, "\(replay.stderr)")
        #expect(replay.stdout.contains("\"submitted\" : 2148"))
        let plain = try ToolRunner.run(["replay", "scenarios/traces/sample.csv", "--format", "json"])
        #expect(replay.stdout == plain.stdout)
        let fit = try ToolRunner.run(["fit", path, "-o", path + ".yaml"])
        #expect(fit.status == 0, "\(fit.stderr)")
        #expect(fit.stdout.hasPrefix("\(path): 2148 jobs over 71.61 h\n"))
    }

    @Test("fit on an extreme trace: no nan, the degenerate Weibull skipped, 7 significant digits in the YAML")
    func extremeFit() throws {
        let path = try ToolRunner.temporaryFile("submit_seconds,encode_seconds\n0,1e-300\n100,1e300\n200,1\n", name: "x.csv")
        let fit = try ToolRunner.run(["fit", path, "-o", path + ".yaml"])
        #expect(fit.status == 0, "\(fit.stderr)")
        #expect(!fit.stdout.lowercased().contains("nan"), "\(fit.stdout)")
        #expect(fit.stdout.contains("\n  weibull      (skipped, a degenerate fit: scale is 0, the log-likelihood is not finite)\n"))
        let yaml = try String(contentsOfFile: path + ".yaml", encoding: .utf8)
        #expect(yaml.contains("scale: 2.318823e+302}"), "\(yaml)")
        let validate = try ToolRunner.run(["validate", path + ".yaml"])
        #expect(validate.status == 0, "\(validate.stderr)")
    }

    @Test("a fit beyond the scenario's bounds (3 jobs in 2e-300 s) is refused, naming the trace, and writes nothing")
    func fitOutOfBounds() throws {
        let path = try ToolRunner.temporaryFile("submit_seconds,encode_seconds\n0,1e-300\n1e-300,1e300\n2e-300,1\n", name: "x.csv")
        let fit = try ToolRunner.run(["fit", path, "-o", path + ".yaml"])
        #expect(fit.status == 2)
        #expect(fit.stderr.hasPrefix("error: \(path): the fit is outside what a scenario accepts, nothing written: "), "\(fit.stderr)")
        #expect(fit.stderr.contains("workload.arrivals.rate_per_hour: must be at most 1e9 jobs over the run"), "\(fit.stderr)")
        #expect(!FileManager.default.fileExists(atPath: path + ".yaml"))
    }

    @Test("fit prints a goodness-of-fit table and writes a scenario that runs")
    func fit() throws {
        let output = try ToolRunner.temporaryFile("", name: "fitted.yaml")
        let fit = try ToolRunner.run(["fit", "scenarios/traces/sample.csv", "-o", output, "--criterion", "ks"])
        #expect(fit.status == 0, "\(fit.stderr)")
        for word in ["inter-arrival seconds", "encode seconds", "log-lik", "AIC", "KS dist", "weibull", "gamma",
                     "chosen by lowest KS distance: lognormal", "diurnal", "wrote"] {
            #expect(fit.stdout.contains(word), "missing \(word)")
        }
        let run = try ToolRunner.run(["run", output, "--set", "duration_hours=6", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("\"scenario\" : \"fitted-sample\""))
    }
}
