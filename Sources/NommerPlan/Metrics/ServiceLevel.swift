/// `--slo 'wait_p95<=600'`: a bound on one metric that a configuration
/// meets with 95% confidence when its whole confidence interval does (for
/// `<=` and `<`, the interval's upper end; for `>=` and `>`, its lower end).
public struct ServiceLevel: Sendable, Equatable, CustomStringConvertible {
    public enum Comparison: String, Sendable, CaseIterable {
        case atMost = "<=", below = "<", atLeast = ">=", above = ">"

        /// Whether smaller values of the metric are better.
        public var smallerIsBetter: Bool { self == .atMost || self == .below }
    }

    /// The metric's flat name (a `runs` column).
    public var metric: String
    public var comparison: Comparison
    public var bound: Double

    public init(metric: String, comparison: Comparison, bound: Double) {
        self.metric = metric
        self.comparison = comparison
        self.bound = bound
    }

    /// Parses `metric<=value` (also `<`, `>=`, `>`); the metric must be one of ``RunMetric/all``.
    public init(parsing text: String) throws(PlanError) {
        let compact = text.filter { !$0.isWhitespace }
        for comparison in [Comparison.atMost, .atLeast, .below, .above] {
            guard let range = compact.range(of: comparison.rawValue) else { continue }
            let name = String(compact[..<range.lowerBound])
            let number = String(compact[range.upperBound...])
            guard let metric = RunMetric.named(name) else {
                throw PlanError("--slo \(text): unknown metric '\(name)'; known: "
                                + RunMetric.all.map(\.name).joined(separator: ", "))
            }
            guard let bound = Double(number), bound.isFinite else {
                throw PlanError("--slo \(text): '\(number)' is not a number")
            }
            self.init(metric: metric.name, comparison: comparison, bound: bound)
            return
        }
        throw PlanError("--slo \(text): expected metric<=value (or <, >=, >), for example wait_p95<=600")
    }

    /// Whether a value satisfies the bound.
    public func accepts(_ value: Double) -> Bool {
        switch comparison {
        case .atMost: value <= bound
        case .below: value < bound
        case .atLeast: value >= bound
        case .above: value > bound
        }
    }

    /// Met with the interval's confidence: the interval's worse end satisfies the bound.
    public func isMet(by statistics: ReplicationStatistics) -> Bool {
        accepts(comparison.smallerIsBetter ? statistics.upper : statistics.lower)
    }

    public var description: String { "\(metric)\(comparison.rawValue)\(RunMetricFormat.number(bound))" }
}

/// Numbers as tables and messages show them.
enum RunMetricFormat {
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e12 { return String(Int(value)) }
        return String(format: "%.4g", value)
    }
}
