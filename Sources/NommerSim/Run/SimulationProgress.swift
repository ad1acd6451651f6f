import NommerCore

/// How far a run has got, reported now and then to a progress callback.
public struct SimulationProgress: Sendable {
    /// Simulated time reached, in seconds.
    public var simulatedSeconds: Seconds
    /// Events processed so far.
    public var events: Int
    /// Jobs submitted so far.
    public var submitted: Int
    /// Arrivals planned, when the scenario gives a job count.
    public var plannedJobs: Int?
    /// Simulated seconds of arrivals planned, when the scenario gives a duration.
    public var plannedSeconds: Seconds?
}
