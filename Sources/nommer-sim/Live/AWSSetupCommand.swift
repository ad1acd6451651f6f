import ArgumentParser
import Foundation
import NommerAWS
import NommerAWSLive
import NommerConfig

/// `nommer-sim aws-setup --config prod.yaml`: creates the queues and the job
/// table (or domain) the config's `aws` section names, if they are missing,
/// so that `feederd --backend aws` can start.
struct AWSSetupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aws-setup",
        abstract: "Create the SQS queues and the DynamoDB table (or SimpleDB domain) the aws section names, if missing.",
        discussion: """
            Uses the same region, endpoint and credentials as feederd --backend aws. What exists is left \
            as it is: running it again changes nothing. Prints one line per resource; exit 1 if any \
            could not be found or created (every problem is listed), 2 for a bad config file.
            """)

    @Option(name: .customLong("config"), help: "The file whose aws section names the resources (docs/aws.md).")
    var configFile: String

    @Option(name: .customLong("set"), help: ArgumentHelp(
        "Override one key, for example --set aws.region=eu-west-1 (repeatable).", valueName: "path.to.key=value"))
    var overrides: [String] = []

    @Option(name: .customLong("table-ready-seconds"), parsing: .unconditional, help: "How long to wait for a new DynamoDB table to become ACTIVE.")
    var tableReadySeconds: Double = 300

    func validate() throws {
        try OptionChecks.finiteNonNegative(tableReadySeconds, "--table-ready-seconds")
    }

    func run() async throws {
        let scenario: Scenario
        do {
            scenario = try ScenarioLoader.load(path: configFile, overrides: overrides)
        } catch {
            printError("error: \(error)")
            throw ExitCode(2)
        }
        let settings = AWSBackendSettings(scenario.aws, launches: false)
        do {
            try await AWSResourceSetup.run(settings: settings, environment: ProcessInfo.processInfo.environment,
                                           tableReadySeconds: max(0, tableReadySeconds)) { step in print(step) }
        } catch {
            printError("error: aws-setup could not finish:\n"
                + error.problems.map { "  - \($0)" }.joined(separator: "\n"))
            throw ExitCode(1)
        }
    }
}
