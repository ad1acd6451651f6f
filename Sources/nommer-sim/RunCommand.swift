import ArgumentParser
import Foundation
import NommerConfig
import NommerSim

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Simulate a scenario and print what it measured.",
        discussion: "Results go to stdout; wall-clock time and progress go to stderr, so the JSON stays deterministic.")

    typealias Format = SimulationRunner.Format

    @OptionGroup var scenarioOptions: ScenarioOptions

    @Option(help: "Output format: text (a summary table) or json (one object).")
    var format: Format = .text

    @Option(name: .customLong("trace-out"), help: ArgumentHelp(
        "Also write one CSV line per job (docs/traces.md): a synthetic trace for replay and fit.", valueName: "file"))
    var traceOut: String?

    func run() throws {
        if let traceOut {
            try OutputFile.check(traceOut, option: "--trace-out", against: [.init("the scenario", scenarioOptions.file)])
        }
        let scenario = try scenarioOptions.loadScenario()
        let simulation = Simulation(scenario: scenario, logJobs: traceOut != nil)
        let comments = [
            "SYNTHETIC trace, not production data: written by nommer-sim run \(scenarioOptions.file) (seed \(scenario.seed))",
            "one line per simulated job; format in docs/traces.md",
        ]
        try SimulationRunner.run(simulation, format: format, traceOut: traceOut, traceComments: comments)
    }
}
