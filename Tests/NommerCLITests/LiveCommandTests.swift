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
}
