import NommerSim

/// What one finished run leaves in the database.
public struct RunRecord: Sendable {
    public var run: SweepRun
    public var result: SimulationResult
    /// Wait quantiles at ``ResultsSchema/quantileLevels``, in seconds.
    public var waitQuantiles: [Double]
    /// Turnaround quantiles at the same levels, in seconds.
    public var turnaroundQuantiles: [Double]
    public var timeSeries: [TimeSeriesSample]

    /// Runs `run` of `plan` and collects its record.
    public static func simulate(_ run: SweepRun, of plan: SweepPlan) -> RunRecord {
        let simulation = Simulation(scenario: plan.scenario(for: run))
        return collect(run, result: simulation.run(), from: simulation)
    }

    /// The record of a simulation that has run (a sweep's run, or a `replay --db`).
    public static func collect(_ run: SweepRun, result: SimulationResult, from simulation: Simulation) -> RunRecord {
        let quantiles = simulation.latencyQuantiles(ResultsSchema.quantileLevels)
        return RunRecord(run: run, result: result, waitQuantiles: quantiles.wait,
                         turnaroundQuantiles: quantiles.turnaround, timeSeries: simulation.timeSeries)
    }
}
