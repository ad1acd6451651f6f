import ArgumentParser
import Foundation
import NommerPlan

/// `nommer-sim sweep`: a grid of configurations x replications, in parallel,
/// into a results database.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run a scenario over a grid of parameters with replications; write every run to SQLite.",
        discussion: """
            Every configuration is decoded and checked before anything runs. Replication r of every \
            configuration uses the seed derived from the base seed and r, so results do not depend on \
            --threads or on scheduling. Each finished run is committed on its own: an interrupted sweep \
            leaves every finished run in the file, and --resume runs the rest. Schema: docs/results.md.
            """)

    @Argument(help: "The scenario file (YAML).")
    var file: String

    @Option(name: .customLong("vary"), help: ArgumentHelp(
        "A key and its values: path.to.key=v1,v2,... or path.to.key=start:stop:step (repeatable; the grid is their product).",
        valueName: "path.to.key=values"))
    var vary: [String] = []

    @Option(parsing: .unconditional, help: "Replications per configuration.")
    var replications: Int = 1

    @Option(parsing: .unconditional, help: "Jobs per run (sets the scenario's jobs, replacing duration_hours).")
    var jobs: Int?

    @Option(name: .customLong("set"), help: ArgumentHelp("Override one key of every configuration (repeatable).",
                                                         valueName: "path.to.key=value"))
    var overrides: [String] = []

    @Option(parsing: .unconditional, help: "The base seed (overrides the file's seed).")
    var seed: UInt64?

    @Option(help: "A service level, e.g. 'wait_p95<=600' (metric names: docs/results.md).")
    var slo: String?

    @Option(help: "The results database (SQLite).")
    var db: String

    @Option(parsing: .unconditional, help: "Worker threads (default: all cores).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(parsing: .unconditional, help: "Run only the K-th (0-based) of N deterministic slices of the runs, e.g. 0/4.")
    var shard: String?

    @Flag(help: "Finish a sweep already in --db, without redoing its finished runs.")
    var resume = false

    @Option(parsing: .unconditional, help: "Seconds between time-series samples (default: the scenario's, or 300; 0: none).")
    var sampleIntervalSeconds: Double?

    func validate() throws {
        try OptionChecks.atLeast(replications, 1, "--replications")
        try OptionChecks.atLeast(threads, 1, "--threads")
        if let jobs { try OptionChecks.atLeast(jobs, 1, "--jobs") }
        if let sampleIntervalSeconds { try OptionChecks.finiteNonNegative(sampleIntervalSeconds, "--sample-interval-seconds") }
    }

    func run() throws {
        try OutputFile.check(db, option: "--db", against: [.init("the scenario", file)])
        do {
            try sweep()
        } catch {
            printError("error: \(error)")
            throw ExitCode(2)
        }
    }

    private func sweep() throws(PlanError) {
        let level = try slo.map { text throws(PlanError) in try ServiceLevel(parsing: text) }
        let slice = try shard.map { text throws(PlanError) in try Shard(parsing: text) } ?? .all
        let definition = try SweepDefinition.load(file: file, setOverrides: overrides + (jobs.map { ["jobs=\($0)"] } ?? []),
                                                  seed: seed, vary: vary, replications: replications,
                                                  sampleIntervalSeconds: sampleIntervalSeconds)
        let plan = try SweepPlan(definition)
        let metadata = SweepMetadata(commandLine: CommandLine.arguments.map(Self.quoted).joined(separator: " "),
                                     version: NommerSimCommand.configuration.version,
                                     startedAt: ISO8601DateFormatter().string(from: Date()),
                                     serviceLevel: level?.description)
        let database = try ResultsDatabase(path: db, plan: plan, metadata: metadata, resume: resume)
        let shardRuns = plan.runs(in: slice).count
        print("sweep \(definition.fingerprint): \(plan.configurations.count) configurations x \(replications) replications"
              + (slice == .all ? "" : ", shard \(slice) (\(shardRuns) runs)") + ", \(threads) threads -> \(db)")
        fflush(nil)
        let display = SweepProgressDisplay()
        let started = Date()
        let ran = try SweepRunner.run(plan, shard: slice, threads: threads, database: database) { display.show($0) }
        printError(String(format: "wall-clock %.2f s for %d runs", Date().timeIntervalSince(started), ran))
        let stored = try StoredSweep.load(db)
        print(SweepSummaryText.render(stored, analysis: try stored.analysis(serviceLevel: level)))
    }

    static func quoted(_ argument: String) -> String {
        argument.contains(where: { " '\"\\$*?;&|<>()".contains($0) }) ? "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'" : argument
    }
}
