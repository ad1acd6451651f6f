import Foundation
import Testing

/// Input the tool used to accept (or trap on) and now refuses with exit
/// code 2 and a message naming the file, the line and column or the
/// option, and the key.
@Suite("nommer-sim refuses inputs that would trap, run for ever or print infinities")
struct InputLimitCommandTests {
    @Test("a sweep range of 1e300 values is refused, not a trap", arguments: ["0:1:1e-300", "0:1e300:1"])
    func hugeRange(_ range: String) throws {
        let db = try ToolRunner.temporaryFile("", name: "unused.txt") + ".sqlite"
        let output = try ToolRunner.run(["sweep", "scenarios/baseline.yaml", "--vary", "fleet.billing.price_per_hour=\(range)",
                                         "--db", db])
        #expect(output.status == 2)
        #expect(output.stderr.contains(
            "error: --vary fleet.billing.price_per_hour=\(range): 1e+300 values is too many (at most 100000; use a larger step)"),
            "\(output.stderr)")
        #expect(!FileManager.default.fileExists(atPath: db))
    }

    @Test("sweep --sample-interval-seconds follows the scenario's 1 ms rule", arguments: ["0.0001", "1e-300"])
    func sampleInterval(_ seconds: String) throws {
        let db = try ToolRunner.temporaryFile("", name: "unused.txt") + ".sqlite"
        let output = try ToolRunner.run(["sweep", "scenarios/baseline.yaml", "--vary", "fleet.max_instances=2",
                                         "--sample-interval-seconds", seconds, "--db", db])
        #expect(output.status == 2)
        #expect(output.stderr.contains("error: --sample-interval-seconds must be 0 (off) or >= 0.001 (1 ms), got \(Double(seconds)!)"),
                "\(output.stderr)")
        #expect(!FileManager.default.fileExists(atPath: db))
    }

    @Test("a mistyped range is not the base-60 number 223263")
    func sexagesimalVary() throws {
        let db = try ToolRunner.temporaryFile("", name: "unused.txt") + ".sqlite"
        let output = try ToolRunner.run(["sweep", "scenarios/baseline.yaml", "--vary", "workload.arrivals.rate_per_hour=1:2:1:3",
                                         "--db", db])
        #expect(output.status == 2)
        #expect(output.stderr.contains("scenarios/baseline.yaml: --vary workload.arrivals.rate_per_hour=1:2:1:3: "
            + "workload.arrivals.rate_per_hour: expected a decimal number, got 1:2:1:3"), "\(output.stderr)")
    }

    @Test("validate refuses non-decimal numbers in files and --set", arguments: [
        (["--set", "duration_hours=1:00"], "scenarios/baseline.yaml: --set duration_hours=1:00: duration_hours: expected a decimal number, got 1:00"),
        (["--set", "fleet.max_instances=0x10"], "fleet.max_instances: expected a decimal integer, got 0x10"),
    ])
    func decimalOnly(_ extra: [String], _ message: String) throws {
        let output = try ToolRunner.run(["validate", "scenarios/baseline.yaml"] + extra)
        #expect(output.status == 2)
        #expect(output.stderr.contains(message), "\(output.stderr)")
    }

    @Test("a file's 1:30 is refused at its line and column")
    func sexagesimalInFile() throws {
        let file = try ToolRunner.temporaryFile("name: x\nfleet:\n  max_instances: 1:30\n")
        let output = try ToolRunner.run(["validate", file])
        #expect(output.status == 2)
        #expect(output.stderr.contains("\(file):3:18: fleet.max_instances: expected a decimal integer, got 1:30"), "\(output.stderr)")
    }

    @Test("validate refuses values that would make a run grow without bound or overflow", arguments: [
        ("worker.visibility_timeout_seconds=1e-300", "worker.visibility_timeout_seconds: must be in [0.001, 43200] (1 ms to 12 h), got 1e-300"),
        ("queue.duplicate_probability=1", "queue.duplicate_probability: must be in [0, 0.5], got 1"),
        ("workload.arrivals.rate_per_hour=1e300", "workload.arrivals.rate_per_hour: must be at most 1e9 jobs over the run"),
        ("fleet.max_instances=9223372036854775807", "fleet.max_instances: must be in [1, 100000], got 9223372036854775807"),
        ("worker.jobs_per_instance=9223372036854775807", "worker.jobs_per_instance: must be in [1, 1000], got 9223372036854775807"),
        ("fleet.billing.price_per_hour=1e308", "fleet.billing.price_per_hour: must be in [0, 1000000], got 1e308"),
    ])
    func unbounded(_ override: String, _ message: String) throws {
        let output = try ToolRunner.run(["validate", "scenarios/baseline.yaml", "--set", override])
        #expect(output.status == 2)
        #expect(output.stderr.contains("scenarios/baseline.yaml: --set \(override): \(message)"), "\(output.stderr)")
    }

    @Test("a price of 1e308 is refused before the run, not written as inf")
    func infinitePrice() throws {
        let output = try ToolRunner.run(["run", "scenarios/baseline.yaml", "--set", "duration_hours=1",
                                         "--set", "fleet.billing.price_per_hour=1e308", "--format", "json"])
        #expect(output.status == 2)
        #expect(output.stdout.isEmpty)
        #expect(output.stderr.contains("fleet.billing.price_per_hour: must be in [0, 1000000], got 1e308"), "\(output.stderr)")
    }

    @Test("a seed the sweep writes in runs.seed runs again")
    func largeSeed() throws {
        let output = try ToolRunner.run(["run", "scenarios/baseline.yaml", "--set", "seed=10451216379200822465",
                                         "--set", "duration_hours=1", "--format", "json"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("10451216379200822465"), "\(output.stdout)")
    }
}
