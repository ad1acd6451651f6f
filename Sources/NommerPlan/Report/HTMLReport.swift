import Foundation

/// `nommer-sim report`: one self-contained HTML page (inline CSS and SVG, no
/// scripts, no network fetches) of a results file: cost against the
/// trade-off metric with 95% intervals and the Pareto frontier, latency
/// distributions, queue depth and fleet size over time for chosen runs, and
/// a table of every configuration.
public enum HTMLReport {
    static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2"]

    /// Renders the report of the file at `path`. `runs`: run numbers to
    /// draw over time and in the latency plots; nil takes the first
    /// replication of each frontier configuration (at most eight).
    public static func render(path: String, runs chosen: [Int]? = nil,
                              serviceLevel: ServiceLevel? = nil) throws(PlanError) -> String {
        let sweep = try StoredSweep.load(path)
        guard !sweep.runs.isEmpty else { throw PlanError("\(path) holds no finished run yet") }
        let analysis = try sweep.analysis(serviceLevel: serviceLevel)
        let runIDs = Set(sweep.runs.map(\.id))
        let selected: [Int]
        if let chosen {
            for id in chosen where !runIDs.contains(id) {
                throw PlanError("--runs: run \(id) is not in \(path) (runs are numbered 0 ..< \(sweep.totalRuns))")
            }
            selected = chosen
        } else {
            selected = analysis.frontier.prefix(8).compactMap { configuration in
                sweep.runs.first { $0.configuration == configuration }?.id
            }
        }
        var body = header(sweep, analysis)
        body += section("Cost against \(analysis.tradeoffMetric)", scatter(analysis),
                        note: "Each point is a configuration: the mean over its replications, with 95% confidence intervals (Student t) as error bars. The line joins the Pareto frontier (no other configuration is both cheaper and better).")
        var cdfs = ""
        var series = ""
        var curves: [(label: String, quantiles: [String: [(Double, Double)]])] = []
        for id in selected {
            guard let run = sweep.runs.first(where: { $0.id == id }) else { continue }
            let label = "run \(id): " + (analysis.summary(run.configuration)?.label ?? "")
            curves.append((label, try StoredSweep.quantiles(path, run: id)))
            series += timeSeries(label, try StoredSweep.timeSeries(path, run: id))
        }
        cdfs += cdf(curves, metric: "wait", title: "Wait (submitted to work started)")
        cdfs += cdf(curves, metric: "turnaround", title: "Turnaround (submitted to finished)")
        body += section("Latency distributions", "<div class=\"row\">\(cdfs)</div>",
                        note: "Empirical distribution functions of the chosen runs (quantiles stored per run).")
        body += section("Queue depth and fleet size over time", series.isEmpty ? "<p>No samples stored.</p>" : series,
                        note: "Sampled every statistics.sample_interval_seconds of simulated time.")
        body += section("All configurations", table(sweep, analysis), note: nil)
        return page(title: "nommer-sim sweep \(sweep.fingerprint)", body: body)
    }

    static func header(_ sweep: StoredSweep, _ analysis: SweepAnalysis) -> String {
        var html = "<h1>Sweep report</h1><dl class=\"meta\">"
        func item(_ key: String, _ value: String) { html += "<dt>\(key)</dt><dd>\(HTML.escape(value))</dd>" }
        item("command", sweep.commandLine)
        item("scenario", sweep.definition.scenarioFile)
        item("started", sweep.startedAt + " (nommer-sim \(sweep.version))")
        item("runs", "\(sweep.runs.count) of \(sweep.totalRuns), \(sweep.parameters.count) configurations x \(sweep.definition.replications) replications")
        item("grid", sweep.definition.axes.map { "\($0.key) = \($0.values.joined(separator: ", "))" }.joined(separator: "; "))
        if let level = analysis.serviceLevel {
            item("service level", "\(level) with 95% confidence")
            if let cheapest = analysis.cheapest, let summary = analysis.summary(cheapest) {
                let cost = summary("cost_usd")
                item("cheapest meeting it", "configuration \(cheapest) (\(summary.label)): " + interval(cost, unit: "USD"))
            } else {
                item("cheapest meeting it", "none of the configurations meets it")
            }
        }
        return html + "</dl>"
    }

    static func scatter(_ analysis: SweepAnalysis) -> String {
        let metric = analysis.tradeoffMetric
        let points = analysis.summaries.compactMap { summary -> (ConfigurationSummary, ReplicationStatistics, ReplicationStatistics)? in
            guard let cost = summary("cost_usd"), let value = summary(metric) else { return nil }
            return (summary, cost, value)
        }
        var ys = points.flatMap { [$0.2.lower, $0.2.upper] }
        if let bound = analysis.serviceLevel?.bound { ys.append(bound) }
        let yLog = SVGPlot.isWide(points.map(\.2.mean))
        let unit = RunMetric.named(metric)?.unit ?? ""
        var plot = SVGPlot(width: 900, height: 440, x: SVGPlot.span(points.flatMap { [$0.1.lower, $0.1.upper] }, fromZero: true),
                           y: yLog ? (ys.filter { $0 > 0 }.min() ?? 1)...(ys.max() ?? 1) : SVGPlot.span(ys, fromZero: true),
                           xLabel: "cost per run (USD, mean with 95% CI)",
                           yLabel: "\(metric)" + (unit.isEmpty ? "" : " (\(unit))") + (yLog ? ", log scale" : ""), yLog: yLog)
        if let level = analysis.serviceLevel {
            plot.horizontalRule(level.bound, color: "#b35c00", label: "SLO \(level)")
        }
        let frontier = analysis.frontier.compactMap { id in points.first { $0.0.configuration == id } }
        plot.line(frontier.map { ($0.1.mean, $0.2.mean) }, color: "#555", width: 1.5, dashed: true,
                  step: analysis.serviceLevel?.comparison.smallerIsBetter ?? true)
        for (summary, cost, value) in points {
            let meets = analysis.meeting.contains(summary.configuration)
            let color = analysis.serviceLevel == nil ? (analysis.frontier.contains(summary.configuration) ? palette[0] : "#9aa1ad")
                : (meets ? palette[2] : palette[1])
            plot.errorBars(x: cost.lower...cost.upper, y: value.lower...value.upper, at: (cost.mean, value.mean), color: color)
            plot.point(cost.mean, value.mean, color: color, radius: analysis.frontier.contains(summary.configuration) ? 6 : 4.5,
                       title: "configuration \(summary.configuration): \(summary.label)\ncost \(interval(cost, unit: "USD"))\n\(metric) \(interval(value, unit: ""))",
                       ring: summary.configuration == analysis.cheapest)
        }
        var legend: [(String, String)] = [("Pareto frontier", "#555")]
        if analysis.serviceLevel != nil {
            legend += [("meets the SLO (95% confidence)", palette[2]), ("does not", palette[1]), ("ringed: cheapest meeting it", "#111")]
        } else {
            legend += [("on the frontier", palette[0]), ("dominated", "#9aa1ad")]
        }
        return plot.render(legend: legend)
    }

    static func cdf(_ curves: [(label: String, quantiles: [String: [(Double, Double)]])], metric: String, title: String) -> String {
        let all = curves.flatMap { $0.quantiles[metric] ?? [] }
        guard !all.isEmpty else { return "" }
        let xLog = SVGPlot.isWide(curves.compactMap { $0.quantiles[metric]?.first { $0.0 >= 0.5 }?.1 }, ratio: 10)
            || SVGPlot.isWide(all.map(\.1), ratio: 1000)
        var plot = SVGPlot(width: 600, height: 320,
                           x: xLog ? 1...(all.map(\.1).max() ?? 1) : SVGPlot.span(all.map(\.1), margin: 0.02, fromZero: true), y: 0...1,
                           xLabel: "\(metric) (s" + (xLog ? ", log scale; under 1 s drawn at 1 s)" : ")"), yLabel: "fraction of jobs",
                           xLog: xLog)
        var legend: [(String, String)] = []
        for (index, curve) in curves.enumerated() {
            let color = palette[index % palette.count]
            plot.line((curve.quantiles[metric] ?? []).map { ($0.1, $0.0) }, color: color)
            legend.append((curve.label, color))
        }
        return "<div><h3>\(HTML.escape(title))</h3>\(plot.render(legend: legend))</div>"
    }

    static func timeSeries(_ label: String, _ rows: [TimeSeriesRow]) -> String {
        guard !rows.isEmpty else { return "" }
        let hours = rows.map { $0.t / 3600 }
        let xRange = SVGPlot.span(hours, margin: 0)
        var queue = SVGPlot(width: 560, height: 260, x: xRange,
                            y: SVGPlot.span(rows.flatMap { [Double($0.queueVisible), Double($0.jobsInProgress)] }, fromZero: true),
                            xLabel: "simulated time (h)", yLabel: "jobs")
        queue.line(zip(hours, rows).map { ($0, Double($1.queueVisible)) }, color: palette[1], step: true)
        queue.line(zip(hours, rows).map { ($0, Double($1.jobsInProgress)) }, color: palette[0], step: true)
        var fleet = SVGPlot(width: 560, height: 260, x: xRange,
                            y: SVGPlot.span(rows.map { Double($0.booting + $0.running + $0.stopping) }, fromZero: true),
                            xLabel: "simulated time (h)", yLabel: "instances")
        fleet.area(zip(hours, rows).map { ($0, Double($1.booting + $1.running + $1.stopping)) }, color: palette[3])
        fleet.line(zip(hours, rows).map { ($0, Double($1.running)) }, color: palette[2], step: true)
        fleet.line(zip(hours, rows).map { ($0, Double($1.booting)) }, color: palette[4], width: 1.2, step: true)
        return "<h3>\(HTML.escape(label))</h3><div class=\"row\">"
            + queue.render(legend: [("queue depth (visible)", palette[1]), ("jobs in progress", palette[0])])
            + fleet.render(legend: [("all instances (shaded: booting, running, stopping)", palette[3]), ("running", palette[2]), ("booting", palette[4])])
            + "</div>"
    }

    static func table(_ sweep: StoredSweep, _ analysis: SweepAnalysis) -> String {
        let metrics = ["cost_usd", "wait_p95", "wait_mean", "turnaround_p95", "utilization", "peak_instances", "jobs_finished"]
        var html = "<table><thead><tr><th>#</th><th>parameters</th><th>runs</th>"
        html += metrics.map { "<th>\($0)</th>" }.joined()
        html += "<th>frontier</th>" + (analysis.serviceLevel.map { "<th>meets \(HTML.escape($0.description))</th>" } ?? "")
        html += "</tr></thead><tbody>"
        for summary in analysis.summaries {
            let id = summary.configuration
            let classes = [id == analysis.cheapest ? "cheapest" : nil, analysis.frontier.contains(id) ? "frontier" : nil].compactMap { $0 }
            html += "<tr class=\"\(classes.joined(separator: " "))\"><td>\(id)</td><td>\(HTML.escape(summary.label))</td>"
            html += "<td>\(summary.statistics.first?.count ?? 0)</td>"
            html += metrics.map { "<td>\(interval(summary($0), unit: ""))</td>" }.joined()
            html += "<td>\(analysis.frontier.contains(id) ? "yes" : "")</td>"
            if analysis.serviceLevel != nil {
                html += "<td>\(analysis.meeting.contains(id) ? (id == analysis.cheapest ? "yes, cheapest" : "yes") : "no")</td>"
            }
            html += "</tr>"
        }
        return html + "</tbody></table>"
    }

    /// `mean ± half-width` (or the mean alone with one replication).
    static func interval(_ statistics: ReplicationStatistics?, unit: String) -> String {
        guard let statistics else { return "" }
        let suffix = unit.isEmpty ? "" : " \(unit)"
        guard let half = statistics.halfWidth else { return format(statistics.mean) + suffix }
        return "\(format(statistics.mean)) ± \(format(half))\(suffix)"
    }

    static func format(_ value: Double) -> String {
        if value != 0, abs(value) < 0.01 { return String(format: "%.2e", value) }
        if abs(value) >= 1000 { return String(format: "%.0f", value) }
        return String(format: "%.3g", value)
    }

    static func section(_ title: String, _ content: String, note: String?) -> String {
        "<section><h2>\(HTML.escape(title))</h2>" + (note.map { "<p class=\"note\">\(HTML.escape($0))</p>" } ?? "") + content + "</section>"
    }

    static func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>\(HTML.escape(title))</title>
        <style>
        body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d2330; margin: 24px auto; max-width: 1320px; padding: 0 16px; }
        h1 { font-size: 24px; margin: 0 0 8px; } h2 { font-size: 18px; margin: 28px 0 4px; border-bottom: 1px solid #dde1e8; padding-bottom: 4px; }
        h3 { font-size: 14px; margin: 14px 0 2px; font-weight: 600; }
        dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 0; }
        dl.meta dt { color: #5b6475; } dl.meta dd { margin: 0; font-family: ui-monospace, monospace; font-size: 12.5px; word-break: break-all; }
        .note { color: #5b6475; margin: 2px 0 8px; }
        .row { display: flex; flex-wrap: wrap; gap: 12px; }
        figure { margin: 0; } ul.legend { list-style: none; padding: 0; margin: 2px 0 6px 64px; font-size: 12px; color: #3a4150; max-width: 560px; }
        ul.legend li { display: inline-block; margin-right: 14px; } .swatch { display: inline-block; width: 12px; height: 4px; vertical-align: middle; margin-right: 5px; }
        svg.chart text { font: 11px system-ui, sans-serif; fill: #3a4150; } svg.chart text.axis { font-size: 12px; fill: #1d2330; }
        svg.chart text.legend { font-size: 11.5px; } svg.chart .grid { stroke: #e6e8ee; stroke-width: 1; }
        table { border-collapse: collapse; font-size: 12.5px; width: 100%; }
        th, td { border-bottom: 1px solid #e3e6ec; padding: 4px 8px; text-align: right; white-space: nowrap; }
        th:nth-child(2), td:nth-child(2) { text-align: left; white-space: normal; }
        th { background: #f2f4f8; position: sticky; top: 0; }
        tr.frontier td { background: #f3f8ff; } tr.cheapest td { background: #e7f6e9; font-weight: 600; }
        </style></head>
        <body>
        \(body)
        </body></html>

        """
    }
}
