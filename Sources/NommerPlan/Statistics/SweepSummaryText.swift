import Foundation

/// The text summary `sweep` prints: one line per configuration (cost and
/// the trade-off metric as mean ± 95% half-width), then the service level's
/// verdict and the Pareto frontier.
public enum SweepSummaryText {
    public static func render(_ sweep: StoredSweep, analysis: SweepAnalysis) -> String {
        let metric = analysis.tradeoffMetric
        var rows: [[String]] = [["#", "parameters", "runs", "cost_usd", metric, "frontier"]
            + (analysis.serviceLevel == nil ? [] : ["meets"])]
        for summary in analysis.summaries {
            let id = summary.configuration
            var row = [String(id), summary.label, String(summary.statistics.first?.count ?? 0),
                       HTMLReport.interval(summary("cost_usd"), unit: ""),
                       HTMLReport.interval(summary(metric), unit: ""),
                       analysis.frontier.contains(id) ? "*" : ""]
            if analysis.serviceLevel != nil { row.append(analysis.meeting.contains(id) ? "yes" : "no") }
            rows.append(row)
        }
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        var lines = rows.map { row in
            row.enumerated().map { column, cell in
                column == 1 ? cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[column] - cell.count) + cell
            }.joined(separator: "  ")
        }
        lines.insert("\(sweep.runs.count) of \(sweep.totalRuns) runs in the file; means ± 95% CI half-width (Student t)", at: 0)
        if sweep.definition.replications < 2 {
            lines.append("note: one replication per configuration gives no confidence interval")
        }
        if let level = analysis.serviceLevel {
            if let cheapest = analysis.cheapest, let summary = analysis.summary(cheapest) {
                lines.append("cheapest meeting \(level) with 95% confidence: configuration \(cheapest) (\(summary.label)), "
                             + "cost \(HTMLReport.interval(summary("cost_usd"), unit: "USD")), \(level.metric) \(HTMLReport.interval(summary(level.metric), unit: ""))")
            } else {
                lines.append("no configuration meets \(level) with 95% confidence")
            }
        }
        lines.append("Pareto frontier, cost_usd against \(metric) (means, by cost):")
        for summary in analysis.frontier.compactMap({ analysis.summary($0) }) {
            lines.append("  \(summary.configuration): \(HTMLReport.format(summary("cost_usd")?.mean ?? 0)) USD, "
                         + "\(metric) \(HTMLReport.format(summary(metric)?.mean ?? 0))  (\(summary.label))")
        }
        return lines.joined(separator: "\n")
    }
}
