import NommerSim

/// A figure of one run, stored as a column of the `runs` table and named in
/// `--slo`. The names are the run's JSON keys (`nommer-sim run --format
/// json`) flattened: `wait_seconds.p95` is `wait_p95`, `jobs.finished` is
/// `jobs_finished`, `fleet.cost_usd` is `cost_usd`; the dotted JSON paths
/// are accepted as well.
public struct RunMetric: Sendable {
    /// The column and SLO name.
    public let name: String
    /// The path in the run's JSON.
    public let jsonPath: String
    /// Unit, for tables and axes.
    public let unit: String
    /// Whether the value is a whole number.
    public let isInteger: Bool
    let value: @Sendable (SimulationResult) -> Double

    /// Every metric, in column order.
    public static let all: [RunMetric] = {
        var metrics: [RunMetric] = []
        func add(_ name: String, _ path: String, _ unit: String, integer: Bool = false,
                 _ value: @escaping @Sendable (SimulationResult) -> Double) {
            metrics.append(RunMetric(name: name, jsonPath: path, unit: unit, isInteger: integer, value: value))
        }
        add("jobs_submitted", "jobs.submitted", "jobs", integer: true) { Double($0.jobs.submitted) }
        add("jobs_finished", "jobs.finished", "jobs", integer: true) { Double($0.jobs.finished) }
        add("jobs_error", "jobs.error", "jobs", integer: true) { Double($0.jobs.error) }
        add("jobs_abandoned", "jobs.abandoned", "jobs", integer: true) { Double($0.jobs.abandoned) }
        add("jobs_unfinished", "jobs.unfinished", "jobs", integer: true) { Double($0.jobs.unfinished) }
        add("jobs_restarts", "jobs.restarts", "jobs", integer: true) { Double($0.jobs.restarts) }
        for (short, json, pick) in [("wait", "wait_seconds", \SimulationResult.waitSeconds),
                                    ("turnaround", "turnaround_seconds", \SimulationResult.turnaroundSeconds)] {
            add("\(short)_mean", "\(json).mean", "s") { $0[keyPath: pick].mean }
            add("\(short)_p50", "\(json).p50", "s") { $0[keyPath: pick].p50 }
            add("\(short)_p95", "\(json).p95", "s") { $0[keyPath: pick].p95 }
            add("\(short)_p99", "\(json).p99", "s") { $0[keyPath: pick].p99 }
            add("\(short)_max", "\(json).max", "s") { $0[keyPath: pick].max }
        }
        add("peak_instances", "fleet.peak_instances", "instances", integer: true) { Double($0.fleet.peakInstances) }
        add("instances_launched", "fleet.instances_launched", "instances", integer: true) { Double($0.fleet.instancesLaunched) }
        add("instance_failures", "fleet.instance_failures", "instances", integer: true) { Double($0.fleet.instanceFailures) }
        add("instance_hours", "fleet.instance_hours", "h") { $0.fleet.instanceHours }
        add("cost_usd", "fleet.cost_usd", "USD") { $0.fleet.costUSD }
        add("utilization", "fleet.utilization", "") { $0.fleet.utilization }
        add("queue_mean_visible", "queue.mean_visible", "jobs") { $0.queue.meanVisible }
        add("redeliveries", "queue.redeliveries", "messages", integer: true) { Double($0.queue.redeliveries) }
        add("duplicates", "queue.duplicates", "messages", integer: true) { Double($0.queue.duplicates) }
        add("refused_writes", "queue.refused_writes", "writes", integer: true) { Double($0.queue.refusedWrites) }
        add("simulated_seconds", "simulated_seconds", "s") { $0.simulatedSeconds }
        add("events", "events", "events", integer: true) { Double($0.events) }
        return metrics
    }()

    /// The metric named `name` (flat name or JSON path).
    public static func named(_ name: String) -> RunMetric? {
        all.first { $0.name == name || $0.jsonPath == name }
    }

    /// Every run's metrics, in ``all``'s order.
    public static func values(of result: SimulationResult) -> [Double] {
        all.map { $0.value(result) }
    }
}
