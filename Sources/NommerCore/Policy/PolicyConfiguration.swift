/// Which spawn policy to run and its parameters, as a scenario file names them.
public enum PolicyConfiguration: Sendable, Equatable {
    /// media-nommer's `spawn_if_needed`.
    case classic(ClassicPolicy.Parameters)
    /// AWS's documented SQS backlog-per-instance scaling.
    case backlog(BacklogPolicy.Parameters)
    /// Kubernetes' Horizontal Pod Autoscaler rule.
    case hpa(HPAPolicy.Parameters)
    /// A constant fleet.
    case fixed(FixedPolicy.Parameters)

    /// The policy's name as written in scenario files.
    public var name: String {
        switch self {
        case .classic: return "classic"
        case .backlog: return "backlog"
        case .hpa: return "hpa"
        case .fixed: return "fixed"
        }
    }

    /// A fresh policy with these parameters under the given limits.
    public func makePolicy(limits: FleetLimits) -> any SpawnPolicy {
        switch self {
        case let .classic(parameters): return ClassicPolicy(parameters: parameters, limits: limits)
        case let .backlog(parameters): return BacklogPolicy(parameters: parameters, limits: limits)
        case let .hpa(parameters): return HPAPolicy(parameters: parameters, limits: limits)
        case let .fixed(parameters): return FixedPolicy(parameters: parameters, limits: limits)
        }
    }
}
