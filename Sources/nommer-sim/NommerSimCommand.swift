import ArgumentParser

@main
struct NommerSimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nommer-sim",
        abstract: "Plan, test and run fleets of media-encoding workers.",
        discussion: """
            Simulates media-nommer's orchestration core (feederd, ec2nommerd, the spawn
            policy) against simulated SQS, SimpleDB and EC2 in virtual time, and runs the
            same core live (feederd, worker) on an embedded SQLite backend.
            Scenario files are documented in docs/scenarios.md.
            """,
        version: "0.1.0",
        subcommands: [RunCommand.self, ReplayCommand.self, FitCommand.self, ValidateCommand.self, BenchCommand.self,
                      SweepCommand.self, MergeCommand.self, ReportCommand.self,
                      FeederdCommand.self, WorkerCommand.self, SubmitCommand.self, StatusCommand.self,
                      AWSSetupCommand.self]
    )
}
