/// AWS's documented scaling on an SQS backlog ("Scaling based on Amazon SQS"):
/// acceptable backlog per instance = acceptable latency / mean processing time.
///
/// Each instance works `jobsPerInstance` jobs at once, so it can hold
/// `jobsPerInstance x latency / processing` waiting jobs and still start each
/// within the acceptable latency. Desired instances =
/// ceil(in-flight / jobsPerInstance + visible / acceptable backlog per instance),
/// clamped to [minInstances, maxInstances]; launches never take the instances
/// alive (stopping ones included) past maxInstances. The processing time is the
/// configured one, or the recent observed mean when `useObservedProcessingTime`.
public struct BacklogPolicy: SpawnPolicy {
    public struct Parameters: Sendable, Equatable {
        /// How long a job may wait before work starts, in seconds.
        public var acceptableLatencySeconds: Seconds
        /// Mean time to process one job, in seconds (download + encode + upload).
        public var meanProcessingSeconds: Seconds
        /// Use the mean of recent completions instead, once there are some.
        public var useObservedProcessingTime: Bool
        /// Never go below this many instances.
        public var minInstances: Int
        /// Allow stopping instances when the backlog shrinks.
        public var scaleIn: Bool

        public init(acceptableLatencySeconds: Seconds = 600, meanProcessingSeconds: Seconds = 300,
                    useObservedProcessingTime: Bool = false, minInstances: Int = 0, scaleIn: Bool = true) {
            self.acceptableLatencySeconds = acceptableLatencySeconds
            self.meanProcessingSeconds = meanProcessingSeconds
            self.useObservedProcessingTime = useObservedProcessingTime
            self.minInstances = minInstances
            self.scaleIn = scaleIn
        }
    }

    public let parameters: Parameters
    public let limits: FleetLimits
    public var name: String { "backlog" }

    public init(parameters: Parameters = Parameters(), limits: FleetLimits = FleetLimits()) {
        self.parameters = parameters
        self.limits = limits
    }

    /// Waiting jobs one instance may hold: jobs per instance x latency / processing time.
    public func acceptableBacklogPerInstance(_ snapshot: FleetSnapshot) -> Double {
        var processing = parameters.meanProcessingSeconds
        if parameters.useObservedProcessingTime, let observed = snapshot.recentMeanProcessingSeconds, observed > 0 {
            processing = observed
        }
        return Double(limits.jobsPerInstance) * parameters.acceptableLatencySeconds / processing
    }

    public mutating func decide(_ snapshot: FleetSnapshot) -> FleetDecision {
        let perInstance = max(acceptableBacklogPerInstance(snapshot), 1e-9)
        let busy = Double(snapshot.inFlightMessages) / Double(limits.jobsPerInstance)
        let waiting = Double(snapshot.visibleMessages) / perInstance
        var desired = FleetLimits.instanceCount(roundingUp: busy + waiting)
        desired = min(max(desired, parameters.minInstances), limits.maxInstances)
        let delta = desired - snapshot.currentInstances
        if delta < 0 && !parameters.scaleIn { return .hold }
        return limits.change(by: delta, snapshot)
    }
}
