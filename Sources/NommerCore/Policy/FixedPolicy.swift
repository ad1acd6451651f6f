/// A constant fleet of N instances: launches up to N (never taking the
/// instances alive, stopping ones included, past maxInstances), stops any beyond N.
/// For validation (the M/M/c queue) and what-if baselines.
public struct FixedPolicy: SpawnPolicy {
    public struct Parameters: Sendable, Equatable {
        /// The fleet size to hold.
        public var instances: Int
        public init(instances: Int) { self.instances = instances }
    }

    public let parameters: Parameters
    public let limits: FleetLimits
    public var name: String { "fixed" }

    public init(parameters: Parameters, limits: FleetLimits = FleetLimits()) {
        self.parameters = parameters
        self.limits = limits
    }

    public mutating func decide(_ snapshot: FleetSnapshot) -> FleetDecision {
        limits.change(by: parameters.instances - snapshot.currentInstances, snapshot)
    }
}
