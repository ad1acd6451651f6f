/// Kubernetes' Horizontal Pod Autoscaler rule on the queue backlog per instance:
/// desired = ceil(current x metric / target), where metric = (visible +
/// in-flight messages) / current instances.
///
/// No change while |metric / target - 1| <= tolerance. Scaling down uses the
/// highest recommendation of the last `scaleDownStabilizationSeconds`, so a
/// short dip does not stop instances. With no instances the ratio is
/// undefined; the rule then asks for ceil(backlog / target) (Kubernetes needs
/// minReplicas >= 1 for the same reason). Launches never take the instances
/// alive (stopping ones included) past maxInstances.
public struct HPAPolicy: SpawnPolicy {
    public struct Parameters: Sendable, Equatable {
        /// Target jobs (waiting or in progress) per instance.
        public var targetJobsPerInstance: Double
        /// Relative band around the target in which nothing changes (Kubernetes: 0.1).
        public var tolerance: Double
        /// Window of recommendations whose maximum bounds a scale-down, in seconds
        /// (Kubernetes: 300).
        public var scaleDownStabilizationSeconds: Seconds
        /// Never go below this many instances.
        public var minInstances: Int

        public init(targetJobsPerInstance: Double = 2, tolerance: Double = 0.1,
                    scaleDownStabilizationSeconds: Seconds = 300, minInstances: Int = 0) {
            self.targetJobsPerInstance = targetJobsPerInstance
            self.tolerance = tolerance
            self.scaleDownStabilizationSeconds = scaleDownStabilizationSeconds
            self.minInstances = minInstances
        }
    }

    public let parameters: Parameters
    public let limits: FleetLimits
    public var name: String { "hpa" }
    /// Recent (time, recommendation) pairs, oldest first: the policy's only state.
    private var recommendations: [(time: Seconds, desired: Int)] = []

    public init(parameters: Parameters = Parameters(), limits: FleetLimits = FleetLimits()) {
        self.parameters = parameters
        self.limits = limits
    }

    /// The rule without clamping or stabilization. Exposed for tests.
    public func rawRecommendation(_ snapshot: FleetSnapshot) -> Int {
        let current = snapshot.currentInstances
        let backlog = Double(snapshot.visibleMessages + snapshot.inFlightMessages)
        let target = parameters.targetJobsPerInstance
        if current == 0 { return FleetLimits.instanceCount(roundingUp: backlog / target) }
        let ratio = (backlog / Double(current)) / target
        if abs(ratio - 1) <= parameters.tolerance { return current }
        return FleetLimits.instanceCount(roundingUp: Double(current) * ratio)
    }

    public mutating func decide(_ snapshot: FleetSnapshot) -> FleetDecision {
        let current = snapshot.currentInstances
        var desired = min(max(rawRecommendation(snapshot), parameters.minInstances), limits.maxInstances)
        let horizon = snapshot.time - parameters.scaleDownStabilizationSeconds
        if let firstKept = recommendations.firstIndex(where: { $0.time > horizon }) {
            recommendations.removeFirst(firstKept)
        } else {
            recommendations.removeAll(keepingCapacity: true)
        }
        recommendations.append((snapshot.time, desired))
        if desired < current {
            let stabilized = recommendations.lazy.map(\.desired).max() ?? desired
            desired = min(stabilized, current)
        }
        return limits.change(by: desired - current, snapshot)
    }
}
