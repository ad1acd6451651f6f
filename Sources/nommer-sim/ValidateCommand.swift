import ArgumentParser
import NommerConfig

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a scenario file without running it.")

    @OptionGroup var scenarioOptions: ScenarioOptions

    func run() throws {
        let scenario = try scenarioOptions.loadScenario()
        print("\(scenarioOptions.file): ok (scenario \(scenario.name), policy \(scenario.policy.name))")
    }
}
