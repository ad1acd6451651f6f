/// media-nommer's `EC2InstanceManager.spawn_if_needed`, arithmetic as the original.
///
/// Count running and booting instances; do nothing at the maximum. With U
/// unfinished jobs (none: do nothing) and capacity = instances x jobs per
/// instance, act when U >= capacity + overflow threshold or when there are no
/// instances: the shortage is U - capacity, less the overflow threshold if the
/// capacity is above zero; launch max(1, shortage / jobs per instance)
/// (integer division), none if the shortage is <= 0. Unless `allowOvershoot`,
/// launches never take the instances alive (stopping ones included) past the
/// maximum.
public struct ClassicPolicy: SpawnPolicy {
    public struct Parameters: Sendable, Equatable {
        /// JOB_OVERFLOW_THRESH: jobs beyond capacity tolerated before launching.
        public var overflowThreshold: Int = 2
        /// The original capped one launch at the maximum fleet size itself, so
        /// the fleet could overshoot it; by default we cap at the room left.
        public var allowOvershoot: Bool = false

        public init(overflowThreshold: Int = 2, allowOvershoot: Bool = false) {
            self.overflowThreshold = overflowThreshold
            self.allowOvershoot = allowOvershoot
        }
    }

    public let parameters: Parameters
    public let limits: FleetLimits
    public var name: String { "classic" }

    public init(parameters: Parameters = Parameters(), limits: FleetLimits = FleetLimits()) {
        self.parameters = parameters
        self.limits = limits
    }

    public mutating func decide(_ snapshot: FleetSnapshot) -> FleetDecision {
        let instances = snapshot.currentInstances
        if instances >= limits.maxInstances { return .hold }
        let unfinished = snapshot.unfinishedJobs
        if unfinished == 0 { return .hold }
        // Saturating: a capacity or threshold past Int.max only means "no shortage".
        let capacity = Self.saturating(instances.multipliedReportingOverflow(by: limits.jobsPerInstance))
        let trigger = Self.saturating(capacity.addingReportingOverflow(parameters.overflowThreshold))
        guard unfinished >= trigger || instances == 0 else { return .hold }
        var shortage = unfinished - capacity
        if capacity > 0 { shortage = Self.saturating(shortage.subtractingReportingOverflow(parameters.overflowThreshold)) }
        if shortage <= 0 { return .hold }
        var count = max(1, shortage / max(1, limits.jobsPerInstance))
        let cap = parameters.allowOvershoot ? limits.maxInstances : limits.launchRoom(snapshot)
        count = min(count, cap)
        return count > 0 ? .launch(count) : .hold
    }

    private static func saturating(_ result: (partialValue: Int, overflow: Bool)) -> Int {
        guard result.overflow else { return result.partialValue }
        return result.partialValue < 0 ? Int.max : Int.min
    }
}
