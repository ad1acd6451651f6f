import Foundation
import NommerConfig
import NommerSim

/// Turns a run's result into the text table or the JSON object.
enum ResultFormatter {
    /// One JSON object, keys sorted, so the same run prints the same bytes.
    static func json(_ result: SimulationResult) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        return String(decoding: try encoder.encode(result), as: UTF8.self)
    }

    /// A readable summary table.
    static func text(_ result: SimulationResult, scenario: Scenario) -> String {
        var lines: [String] = []
        lines.append("scenario \(result.scenario): policy \(result.policy), seed \(result.seed)")
        lines.append(String(format: "simulated %.2f h (%d events)", result.simulatedSeconds / 3600, result.events))
        lines.append("")
        let jobs = result.jobs
        lines.append(row(["jobs", "submitted", "finished", "error", "abandoned", "unfinished", "restarts"]))
        lines.append(row(["", "\(jobs.submitted)", "\(jobs.finished)", "\(jobs.error)", "\(jobs.abandoned)",
                          "\(jobs.unfinished)", "\(jobs.restarts)"]))
        lines.append("")
        lines.append(row(["seconds", "mean", "p50", "p95", "p99", "max"]))
        lines.append(latencyRow("wait", result.waitSeconds))
        lines.append(latencyRow("turnaround", result.turnaroundSeconds))
        lines.append("")
        let fleet = result.fleet
        let billing = scenario.fleet.billing
        lines.append("fleet: peak \(fleet.peakInstances) instances, \(fleet.instancesLaunched) launched, \(fleet.instanceFailures) failed")
        lines.append(String(format: "cost: %.2f instance-hours billed %@ at %.4f USD/h = %.2f USD",
                            fleet.instanceHours, billing.model.rawValue, billing.pricePerHour, fleet.costUSD))
        lines.append(String(format: "utilization: %.1f%% of job slots on running instances", fleet.utilization * 100))
        lines.append(String(format: "queue: %.2f jobs waiting on average, %d redeliveries, %d duplicates",
                            result.queue.meanVisible, result.queue.redeliveries, result.queue.duplicates))
        return lines.joined(separator: "\n")
    }

    private static func latencyRow(_ name: String, _ summary: LatencySummary) -> String {
        row([name] + [summary.mean, summary.p50, summary.p95, summary.p99, summary.max].map { String(format: "%.1f", $0) })
    }

    private static func row(_ cells: [String]) -> String {
        cells.enumerated().map { index, cell in
            index == 0 ? cell.padding(toLength: 12, withPad: " ", startingAt: 0)
                       : String(repeating: " ", count: max(0, 11 - cell.count)) + cell
        }.joined()
    }
}
