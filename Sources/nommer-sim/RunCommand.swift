import ArgumentParser
import Foundation
import NommerConfig
import NommerSim

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Simulate a scenario and print what it measured.",
        discussion: "Results go to stdout; wall-clock time and progress go to stderr, so the JSON stays deterministic.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @OptionGroup var scenarioOptions: ScenarioOptions

    @Option(help: "Output format: text (a summary table) or json (one object).")
    var format: Format = .text

    func run() throws {
        let scenario = try scenarioOptions.loadScenario()
        let started = Date()
        let showProgress = standardErrorIsTerminal
        let simulation = Simulation(scenario: scenario)
        let result = simulation.run(progress: showProgress ? { ProgressLine.draw($0, since: started) } : nil)
        if showProgress { ProgressLine.clear() }
        let wall = Date().timeIntervalSince(started)
        switch format {
        case .json:
            print(try ResultFormatter.json(result))
        case .text:
            print(ResultFormatter.text(result, scenario: scenario))
        }
        printError(String(format: "wall-clock %.2f s, %.0f events/s", wall, Double(result.events) / max(wall, 1e-9)))
    }
}
