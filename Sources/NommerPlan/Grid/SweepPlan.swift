import NommerConfig
import NommerSim

/// One value of one varied key in a configuration.
public struct SweepParameter: Sendable, Codable, Equatable {
    /// The dotted key path.
    public var key: String
    /// The value as given on the command line (YAML text).
    public var value: String
}

/// One point of the grid: the base scenario with one value of every axis.
public struct SweepConfiguration: Sendable {
    /// 0-based, in grid order (the last axis varies fastest).
    public var index: Int
    public var parameters: [SweepParameter]
    /// The decoded scenario, before the replication seed is applied.
    public var scenario: Scenario
}

/// One run of a sweep: a configuration and a replication.
public struct SweepRun: Sendable, Equatable {
    /// The run's number, `configuration * replications + replication`.
    public var id: Int
    public var configuration: Int
    public var replication: Int
    /// The run's base seed, `StreamSeeds.replicationSeed(base:replication:)`
    /// of the configuration's seed: replication r uses the same seed in every
    /// configuration (common random numbers).
    public var seed: UInt64

    public init(id: Int, configuration: Int, replication: Int, seed: UInt64) {
        self.id = id
        self.configuration = configuration
        self.replication = replication
        self.seed = seed
    }
}

/// A sweep's configurations, every one decoded and checked before any runs,
/// and its runs.
public struct SweepPlan: Sendable {
    public let definition: SweepDefinition
    public let configurations: [SweepConfiguration]

    /// Time-series interval used when neither the scenario nor the command sets one, in seconds.
    public static let defaultSampleIntervalSeconds: Double = 300

    /// Decodes every configuration; a bad key, value or override is refused
    /// with the loader's message (file, line, key path, override).
    public init(_ definition: SweepDefinition) throws(PlanError) {
        guard definition.replications >= 1 else { throw PlanError("--replications must be >= 1") }
        var seen = Set<String>()
        for axis in definition.axes where !seen.insert(axis.key).inserted {
            throw PlanError("--vary \(axis.key) is given twice")
        }
        let count = definition.axes.reduce(1) { $0 * $1.values.count }
        guard count * definition.replications <= 10_000_000 else {
            throw PlanError("the grid has \(count) configurations x \(definition.replications) replications: too many runs")
        }
        if let interval = definition.sampleIntervalSeconds, let problem = StatisticsSpec.sampleIntervalProblem(interval) {
            throw PlanError("--sample-interval-seconds \(problem), got \(interval)")
        }
        var configurations: [SweepConfiguration] = []
        configurations.reserveCapacity(count)
        for index in 0..<count {
            let picks = definition.picks(ofConfiguration: index)
            let overrides = definition.axes.indices.map { definition.axes[$0].override(picks[$0]) }
            var scenario: Scenario
            do {
                scenario = try ScenarioLoader.parse(yaml: definition.scenarioText, file: definition.scenarioFile,
                                                    overrides: definition.setOverrides + overrides)
            } catch {
                // An axis value is named as the user typed it: `--vary`, not `--set`.
                var error = error
                if let override = error.override, overrides.contains(override) { error.overrideOption = "--vary" }
                throw PlanError("\(error)")
            }
            if let seed = definition.seed { scenario.seed = seed }
            if let interval = definition.sampleIntervalSeconds {
                scenario.statistics.sampleIntervalSeconds = interval
            } else if scenario.statistics.sampleIntervalSeconds == 0 {
                scenario.statistics.sampleIntervalSeconds = Self.defaultSampleIntervalSeconds
            }
            configurations.append(SweepConfiguration(index: index, parameters: definition.parameters(ofConfiguration: index),
                                                     scenario: scenario))
        }
        self.definition = definition
        self.configurations = configurations
    }

    /// Runs in the whole sweep.
    public var runCount: Int { configurations.count * definition.replications }

    /// Run number `id`.
    public func run(_ id: Int) -> SweepRun {
        let configuration = id / definition.replications
        let replication = id % definition.replications
        let base = configurations[configuration].scenario.seed
        return SweepRun(id: id, configuration: configuration, replication: replication,
                        seed: StreamSeeds.replicationSeed(base: base, replication: replication))
    }

    /// The scenario of run `run`, with its seed.
    public func scenario(for run: SweepRun) -> Scenario {
        var scenario = configurations[run.configuration].scenario
        scenario.seed = run.seed
        return scenario
    }

    /// The run numbers of a shard, ascending.
    public func runs(in shard: Shard) -> [Int] {
        (0..<runCount).filter(shard.contains)
    }
}
