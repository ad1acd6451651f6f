import ArgumentParser
import Foundation
import NommerConfig
import NommerPlan
import NommerSim
import NommerTrace

/// `nommer-sim replay TRACE`: the trace's jobs against a scenario's fleet and policy.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay a job trace (CSV or JSON lines) against a scenario's fleet and policy.",
        discussion: """
            Jobs arrive at exactly the trace's times (divided by --load-scale); where the trace \
            gives encode_seconds and outcome, those replace the scenario's encode distribution \
            and error odds. The scenario's horizon is replaced by the trace's jobs. Without \
            --scenario, the loader's defaults (media-nommer as shipped) are used. Trace format: \
            docs/traces.md. Prints the same result as run.
            """)

    enum PolicyName: String, ExpressibleByArgument, CaseIterable {
        case classic, backlog, hpa, fixed
    }

    @Argument(help: "The trace (.csv, or .jsonl for JSON lines).")
    var trace: String

    @Option(help: "The scenario file (YAML) whose fleet, services and policy the trace runs against.")
    var scenario: String?

    @Option(help: "Use this spawn policy with its default parameters (fixed: fleet.max_instances instances).")
    var policy: PolicyName?

    @Option(name: .customLong("set"), help: ArgumentHelp(
        "Override one key of the scenario (repeatable), after --policy.", valueName: "path.to.key=value"))
    var overrides: [String] = []

    @Option(parsing: .unconditional, help: "The base seed of every random stream (overrides the scenario's seed).")
    var seed: UInt64?

    @Option(parsing: .unconditional, help: "Divide every submission time by this factor (1.5: traffic grows by half).")
    var loadScale: Double = 1

    @Flag(help: "Leave out malformed trace lines (and report how many and why) instead of stopping.")
    var skipBad = false

    @Option(help: "Output format: text (a summary table) or json (one object).")
    var format: SimulationRunner.Format = .text

    @Option(name: .customLong("trace-out"), help: ArgumentHelp(
        "Also write one CSV line per job of the replayed run.", valueName: "file"))
    var traceOut: String?

    @Option(help: ArgumentHelp(
        "Also write the run to a results database (SQLite, docs/results.md) that report reads; the file must be new.",
        valueName: "results.sqlite"))
    var db: String?

    func validate() throws {
        try OptionChecks.finitePositive(loadScale, "--load-scale")
    }

    func run() throws {
        let inputs = [OutputFile.Named("the trace", trace)] + (scenario.map { [OutputFile.Named("the scenario", $0)] } ?? [])
        if let db { try OutputFile.check(db, option: "--db", against: inputs) }
        if let traceOut {
            try OutputFile.check(traceOut, option: "--trace-out", against: inputs + (db.map { [OutputFile.Named("--db", $0)] } ?? []))
        }
        let trace = try TraceInput.read(trace, skipBad: skipBad)
        // A replay simulates every second up to the last job: 1000 years at most, as for a scenario.
        let stretchedHours = trace.lastSubmission / loadScale / 3600
        guard stretchedHours <= Scenario.maximumSimulatedHours else {
            printError(String(format: "error: --load-scale %g stretches the trace's %.1f h to %.3g years of simulated time (at most 1000)",
                              loadScale, trace.lastSubmission / 3600, stretchedHours / 8766))
            throw ExitCode(2)
        }
        let source = try loadScenario()
        var scenario = source.scenario
        if let seed { scenario.seed = seed }
        scenario.horizon = .jobs(trace.records.count)
        let results = try db.map { path throws in try openResults(path, source: source, trace: trace.file) }
        if let results { scenario.statistics.sampleIntervalSeconds = results.sampleIntervalSeconds }
        let simulation = Simulation(scenario: scenario, replay: trace.replayWorkload(loadScale: loadScale),
                                    logJobs: traceOut != nil)
        let comments = ["replay of \(trace.file) (load scale \(loadScale)) against scenario \(scenario.name)"]
        let result = try SimulationRunner.run(simulation, format: format, traceOut: traceOut, traceComments: comments)
        if let results {
            let run = SweepRun(id: 0, configuration: 0, replication: 0, seed: scenario.seed)
            do {
                try results.database.record(RunRecord.collect(run, result: result, from: simulation), parameters: [])
            } catch {
                printError("error: \(error)")
                throw ExitCode(1)
            }
            printError("wrote the run to \(results.database.path)")
        }
    }

    /// A scenario as loaded: its text and every override applied, so a
    /// results database can record what decided the run.
    private struct ScenarioSource {
        var scenario: Scenario
        var file: String
        var text: String
        var overrides: [String]
    }

    /// A new results database holding this replay as a one-run sweep.
    private func openResults(_ path: String, source: ScenarioSource, trace: String)
        throws -> (database: ResultsDatabase, sampleIntervalSeconds: Double) {
        do {
            let definition = SweepDefinition(scenarioFile: source.file, scenarioText: source.text,
                                              setOverrides: source.overrides, seed: seed, axes: [], replications: 1,
                                              replayOf: "\(trace) x\(loadScale)")
            let plan = try SweepPlan(definition)
            let metadata = SweepMetadata(commandLine: CommandLine.arguments.map(SweepCommand.quoted).joined(separator: " "),
                                         version: NommerSimCommand.configuration.version,
                                         startedAt: ISO8601DateFormatter().string(from: Date()), serviceLevel: nil)
            guard !FileManager.default.fileExists(atPath: path) else {
                throw PlanError("\(path) already exists: replay writes a new results database")
            }
            let database = try ResultsDatabase(path: path, plan: plan, metadata: metadata, resume: false)
            let interval = plan.configurations.first?.scenario.statistics.sampleIntervalSeconds
                ?? SweepPlan.defaultSampleIntervalSeconds
            return (database, interval)
        } catch {
            printError("error: \(error)")
            throw ExitCode(2)
        }
    }

    /// The scenario with --policy and --set applied; errors end with exit code 2.
    private func loadScenario() throws -> ScenarioSource {
        let policyOverrides = policy.map { ["policy.name=\($0.rawValue)"] } ?? []
        let file = scenario ?? "(default replay scenario)"
        func load(_ extra: [String]) throws(ScenarioError) -> ScenarioSource {
            let all = policyOverrides + extra + overrides
            let text = try scenario.map { path throws(ScenarioError) in try ScenarioLoader.text(path: path) } ?? "name: replay\n"
            let decoded = try ScenarioLoader.parse(yaml: text, file: file, overrides: all)
            return ScenarioSource(scenario: decoded, file: file, text: text, overrides: all)
        }
        do {
            guard policy == .fixed, !overrides.contains(where: { $0.hasPrefix("policy.instances=") }) else {
                return try load([])
            }
            // A fixed policy needs a size: the fleet's maximum, unless --set gives one.
            let maximum = try load(["policy.instances=1"]).scenario.fleet.maxInstances
            return try load(["policy.instances=\(maximum)"])
        } catch {
            printError("error: \(error)")
            throw ExitCode(2)
        }
    }
}

/// Reading a trace for a command: errors end it with exit code 2; skipped
/// lines and ignored columns are reported on stderr.
enum TraceInput {
    static func read(_ path: String, skipBad: Bool) throws -> Trace {
        let trace: Trace
        do {
            trace = try TraceReader.read(path: path, skipBad: skipBad)
        } catch {
            printError("error: \(error)")
            if error.line != nil && !skipBad { printError("(--skip-bad leaves bad lines out and goes on)") }
            throw ExitCode(2)
        }
        if !trace.skipped.isEmpty {
            printError("skipped \(trace.skipped.count) bad lines of \(trace.skipped.count + trace.records.count) in \(path):")
            for line in trace.skippedSummary { printError("  \(line)") }
        }
        if !trace.ignoredFields.isEmpty {
            printError("ignored unknown fields in \(path): " + trace.ignoredFields.joined(separator: ", "))
        }
        return trace
    }
}
