import Foundation

/// A configuration's metrics across its replications.
public struct ConfigurationSummary: Sendable {
    public var configuration: Int
    public var parameters: [SweepParameter]
    /// Statistics by metric, in ``RunMetric/all``'s order.
    public var statistics: [ReplicationStatistics]

    /// The statistics of the metric named `name`.
    public func callAsFunction(_ name: String) -> ReplicationStatistics? {
        RunMetric.all.firstIndex { $0.name == name }.map { statistics[$0] }
    }

    /// `key=value` pairs, for labels.
    public var label: String {
        parameters.isEmpty ? "base" : parameters.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
    }
}

/// What a sweep's runs say: per-configuration statistics, which
/// configurations meet the service level with 95% confidence, the cheapest of
/// them, and the Pareto frontier of cost against the service level's metric
/// (`wait_p95`, smaller is better, without one).
public struct SweepAnalysis: Sendable {
    public var summaries: [ConfigurationSummary]
    public var serviceLevel: ServiceLevel?
    /// Configurations meeting the service level (empty without one).
    public var meeting: [Int]
    /// The one of `meeting` with the smallest mean cost.
    public var cheapest: Int?
    /// Configurations no other beats on both mean cost and the metric's mean, by ascending cost.
    public var frontier: [Int]
    /// The metric plotted against cost.
    public var tradeoffMetric: String

    /// `runs`: each run's configuration and metrics (``RunMetric/all``'s order).
    public init(parameters: [[SweepParameter]], runs: [(configuration: Int, metrics: [Double])],
                serviceLevel: ServiceLevel?) {
        var byConfiguration = Array(repeating: [[Double]](), count: parameters.count)
        for run in runs where run.configuration < parameters.count {
            byConfiguration[run.configuration].append(run.metrics)
        }
        summaries = byConfiguration.enumerated().compactMap { index, rows in
            guard !rows.isEmpty else { return nil }
            let statistics = RunMetric.all.indices.map { column in ReplicationStatistics(rows.map { $0[column] }) }
            return ConfigurationSummary(configuration: index, parameters: parameters[index], statistics: statistics)
        }
        self.serviceLevel = serviceLevel
        tradeoffMetric = serviceLevel?.metric ?? "wait_p95"
        let metric = tradeoffMetric
        let summaries = self.summaries
        if let serviceLevel {
            let meeting = summaries.filter { $0(metric).map(serviceLevel.isMet) ?? false }.map(\.configuration)
            self.meeting = meeting
            cheapest = summaries.filter { meeting.contains($0.configuration) }
                .min { ($0("cost_usd")?.mean ?? 0, $0.configuration) < ($1("cost_usd")?.mean ?? 0, $1.configuration) }?
                .configuration
        } else {
            meeting = []
            cheapest = nil
        }
        let smallerIsBetter = serviceLevel?.comparison.smallerIsBetter ?? true
        frontier = Self.frontier(summaries.map { ($0.configuration, $0("cost_usd")?.mean ?? 0, $0(metric)?.mean ?? 0) },
                                 smallerIsBetter: smallerIsBetter)
    }

    /// The points (id, cost, metric) not dominated by another, by ascending cost.
    static func frontier(_ points: [(id: Int, cost: Double, metric: Double)], smallerIsBetter: Bool) -> [Int] {
        let score = { (value: Double) in smallerIsBetter ? value : -value }
        let sorted = points.sorted { ($0.cost, score($0.metric), $0.id) < ($1.cost, score($1.metric), $1.id) }
        var best = Double.infinity
        var result: [Int] = []
        for point in sorted where score(point.metric) < best {
            best = score(point.metric)
            result.append(point.id)
        }
        return result
    }

    /// The summary of configuration `index`.
    public func summary(_ index: Int) -> ConfigurationSummary? {
        summaries.first { $0.configuration == index }
    }
}
