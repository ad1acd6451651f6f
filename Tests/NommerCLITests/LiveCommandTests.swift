import Foundation
import Testing

@Suite("nommer-sim feederd and worker refuse bad input")
struct LiveCommandTests {
    @Test func anUnknownScenarioKeyIsRefusedWithItsPath() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nommer-cli-\(UUID().uuidString)").path
        let output = try ToolRunner.run(["feederd", "--data-dir", directory, "--config", "scenarios/live-demo.yaml",
                                         "--set", "feeder.nope=1"])
        #expect(output.status == 2)
        #expect(output.stderr.contains("scenarios/live-demo.yaml"))
        #expect(output.stderr.contains("feeder.nope"))
    }

    @Test func aPolicyMissingItsParametersIsRefused() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nommer-cli-\(UUID().uuidString)").path
        let output = try ToolRunner.run(["feederd", "--data-dir", directory, "--policy", "fixed"])
        #expect(output.status == 2)
        #expect(output.stderr.contains("policy.instances"))
    }

    @Test func anUnusableDataDirectoryIsNamed() throws {
        let file = try ToolRunner.temporaryFile("not a directory", name: "plain-file")
        let output = try ToolRunner.run(["worker", "--data-dir", file + "/data", "--instance-id", "w1"])
        #expect(output.status == 1)
        #expect(output.stderr.contains(file + "/data"))
    }

    @Test func aBadInstanceIDIsRefused() throws {
        let output = try ToolRunner.run(["worker", "--data-dir", "/tmp", "--instance-id", "../x"])
        #expect(output.status != 0)
        #expect(output.stderr.contains("--instance-id"))
    }

    @Test func theEmbeddedBackendRequiresItsDataDirectoryAndInstanceID() throws {
        let feederd = try ToolRunner.run(["feederd", "--backend", "embedded"])
        #expect(feederd.status != 0)
        #expect(feederd.stderr.contains("--data-dir is required with --backend embedded"))
        let worker = try ToolRunner.run(["worker", "--data-dir", "/tmp"])
        #expect(worker.status != 0)
        #expect(worker.stderr.contains("--instance-id is required with --backend embedded"))
    }

    @Test func anUnknownBackendIsRefused() throws {
        let output = try ToolRunner.run(["feederd", "--backend", "azure", "--data-dir", "/tmp"])
        #expect(output.status != 0)
        #expect(output.stderr.contains("embedded, aws"))
    }

    @Test(arguments: [
        (["feederd", "--stop-grace-seconds", "-5"], "--stop-grace-seconds must be a finite number >= 0, got -5.0"),
        (["feederd", "--boot-delay-seconds", "nan"], "--boot-delay-seconds must be a finite number >= 0, got nan"),
        (["feederd", "--boot-delay-seconds", "-1"], "--boot-delay-seconds must be a finite number >= 0, got -1.0"),
        (["feederd", "--worker-drain-seconds", "inf"], "--worker-drain-seconds must be a finite number >= 0, got inf"),
        (["worker", "--instance-id", "w1", "--boot-delay-seconds", "nan"],
         "--boot-delay-seconds must be a finite number >= 0, got nan"),
        (["worker", "--instance-id", "w1", "--drain-seconds", "-2"], "--drain-seconds must be a finite number >= 0, got -2.0"),
        (["worker", "--instance-id", "w1", "--stall-seconds", "0"], "--stall-seconds must be a finite number > 0, got 0.0"),
    ])
    func aNegativeOrNonFiniteDurationIsRefusedNamingTheFlag(_ arguments: [String], _ message: String) throws {
        let output = try ToolRunner.run(arguments + ["--data-dir", "/tmp/nommer-cli-never-created"])
        #expect(output.status == 64)
        #expect(output.stderr.hasPrefix("Error: \(message)\n"), "\(output.stderr)")
        #expect(!FileManager.default.fileExists(atPath: "/tmp/nommer-cli-never-created"))
    }

    @Test(arguments: [
        (["status", "--server", "http://127.0.0.1:1", "--limit", "-3"], "--limit must be >= 1, got -3"),
        (["status", "--server", "http://127.0.0.1:1", "--limit", "0"], "--limit must be >= 1, got 0"),
        (["bench", "--jobs", "-1"], "--jobs must be >= 1, got -1"),
        (["sweep", "scenarios/live-demo.yaml", "--db", "/tmp/nommer-cli-never-created", "--replications", "-2"],
         "--replications must be >= 1, got -2"),
        (["sweep", "scenarios/live-demo.yaml", "--db", "/tmp/nommer-cli-never-created", "--threads", "-1"],
         "--threads must be >= 1, got -1"),
        (["sweep", "scenarios/live-demo.yaml", "--db", "/tmp/nommer-cli-never-created", "--jobs", "-10"],
         "--jobs must be >= 1, got -10"),
        (["sweep", "scenarios/live-demo.yaml", "--db", "/tmp/nommer-cli-never-created", "--sample-interval-seconds", "-60"],
         "--sample-interval-seconds must be a finite number >= 0, got -60.0"),
        (["replay", "scenarios/traces/sample.csv", "--load-scale", "-2"], "--load-scale must be a finite number > 0, got -2.0"),
        (["replay", "scenarios/traces/sample.csv", "--load-scale", "nan"], "--load-scale must be a finite number > 0, got nan"),
        (["aws-setup", "--config", "scenarios/live-demo.yaml", "--table-ready-seconds", "-1"],
         "--table-ready-seconds must be a finite number >= 0, got -1.0"),
    ])
    func aNegativeNumberReachesTheRangeCheck(_ arguments: [String], _ message: String) throws {
        let output = try ToolRunner.run(arguments)
        #expect(output.status == 64)
        #expect(output.stderr.hasPrefix("Error: \(message)\n"), "\(output.stderr)")
    }

    @Test func aNegativeSeedIsRefusedAsAValueNotReadAsAFlag() throws {
        let output = try ToolRunner.run(["run", "scenarios/live-demo.yaml", "--seed", "-1"])
        #expect(output.status == 64)
        #expect(output.stderr.contains("The value '-1' is invalid for '--seed <seed>'"), "\(output.stderr)")
    }
}
