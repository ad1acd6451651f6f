import ArgumentParser
import Foundation
import NommerPlan

/// `nommer-sim report`: one self-contained HTML page of a results file.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write one self-contained HTML page (inline SVG and CSS, no scripts) of a results file.")

    @Argument(help: "The results database.")
    var database: String

    @Option(name: .shortAndLong, help: "The HTML file to write.")
    var output: String

    @Option(parsing: .unconditional, help: "Run numbers to draw over time and in the latency plots, e.g. 0,5,9 (default: the frontier's first replications).")
    var runs: String?

    @Option(help: "A service level to judge against instead of the sweep's, e.g. 'wait_p95<=600'.")
    var slo: String?

    func run() throws {
        try OutputFile.check(output, option: "-o", against: [.init("the results database", database)])
        do {
            var chosen: [Int]?
            if let runs {
                chosen = try runs.split(separator: ",").map { text throws(PlanError) in
                    guard let id = Int(text.trimmingCharacters(in: .whitespaces)) else { throw PlanError("--runs \(runs): expected run numbers like 0,5,9") }
                    return id
                }
            }
            let level = try slo.map { text throws(PlanError) in try ServiceLevel(parsing: text) }
            let html = try HTMLReport.render(path: database, runs: chosen, serviceLevel: level)
            do {
                try html.write(toFile: output, atomically: true, encoding: .utf8)
            } catch {
                throw PlanError("\(output): cannot write (\(error.localizedDescription))")
            }
            print("wrote \(output) (\(html.utf8.count) bytes)")
        } catch let error as PlanError {
            printError("error: \(error)")
            throw ExitCode(2)
        }
    }
}
