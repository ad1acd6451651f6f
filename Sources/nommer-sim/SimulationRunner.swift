import ArgumentParser
import Foundation
import NommerConfig
import NommerSim
import NommerTrace

/// What `run` and `replay` share: running with a progress line on a
/// terminal, printing the result, and writing the run's jobs as a trace.
enum SimulationRunner {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    /// Runs `simulation`, prints its result to stdout in `format` and the
    /// wall-clock time to stderr; with `traceOut`, writes one CSV line per job
    /// there (the simulation must keep a job log).
    @discardableResult
    static func run(_ simulation: Simulation, format: Format, traceOut: String?, traceComments: [String])
        throws -> SimulationResult {
        let scenario = simulation.scenario
        let started = Date()
        let showProgress = standardErrorIsTerminal
        let result = simulation.run(progress: showProgress ? { ProgressLine.draw($0, since: started) } : nil)
        if showProgress { ProgressLine.clear() }
        let wall = Date().timeIntervalSince(started)
        switch format {
        case .json: print(try ResultFormatter.json(result))
        case .text: print(ResultFormatter.text(result, scenario: scenario))
        }
        printError(String(format: "wall-clock %.2f s, %.0f events/s", wall, Double(result.events) / max(wall, 1e-9)))
        if case let .jobs(planned) = scenario.horizon, result.jobs.submitted < planned {
            printError("note: the arrival process ended after \(result.jobs.submitted) of the \(planned) jobs asked for"
                + " (its rate is zero from then on)")
        }
        if let traceOut, let log = simulation.jobLog {
            let text = TraceWriter.csv(log.entries, comments: traceComments)
            do {
                try text.write(toFile: traceOut, atomically: true, encoding: .utf8)
            } catch {
                printError("error: cannot write the trace to \(traceOut): \(error.localizedDescription)")
                throw ExitCode(1)
            }
            printError("wrote \(log.entries.count) jobs to \(traceOut)")
        }
        return result
    }
}
