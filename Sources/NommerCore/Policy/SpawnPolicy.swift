/// What a spawn policy decided.
public enum FleetDecision: Sendable, Equatable {
    /// Leave the fleet as it is.
    case hold
    /// Launch this many instances (always > 0).
    case launch(Int)
    /// Stop this many instances (always > 0); they drain their jobs first.
    case stop(Int)

    /// `launch(n)` for n > 0, `stop(-n)` for n < 0, `hold` for 0.
    @inlinable public static func change(by delta: Int) -> FleetDecision {
        delta > 0 ? .launch(delta) : (delta < 0 ? .stop(-delta) : .hold)
    }
}

/// A rule that sizes the fleet.
///
/// ## Implementation requirements
/// `decide(_:)` depends only on the snapshot and on state the policy keeps as
/// a value (for example the HPA's recent recommendations): no clock, no I/O,
/// no randomness. The same sequence of snapshots must give the same
/// decisions in the simulator and in the live runtime.
public protocol SpawnPolicy: Sendable {
    /// The policy's name as written in scenario files.
    var name: String { get }
    /// Decides how many instances to launch or stop. O(1) amortized.
    mutating func decide(_ snapshot: FleetSnapshot) -> FleetDecision
}
