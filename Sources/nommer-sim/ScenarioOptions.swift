import ArgumentParser
import NommerConfig

/// The options every command that reads a scenario takes.
struct ScenarioOptions: ParsableArguments {
    @Argument(help: "The scenario file (YAML).")
    var file: String

    @Option(name: .customLong("set"), help: ArgumentHelp(
        "Override one key of the scenario, for example --set fleet.max_instances=5 (repeatable).",
        valueName: "path.to.key=value"))
    var overrides: [String] = []

    @Option(parsing: .unconditional, help: "The base seed of every random stream (overrides the file's seed).")
    var seed: UInt64?

    /// The scenario with overrides applied; a bad file or override is printed
    /// to stderr and ends the command with exit code 2.
    func loadScenario() throws -> Scenario {
        do {
            var scenario = try ScenarioLoader.load(path: file, overrides: overrides)
            if let seed { scenario.seed = seed }
            return scenario
        } catch {
            printError("error: \(error)")
            throw ExitCode(2)
        }
    }
}
