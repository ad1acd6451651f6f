/// The fleet's size limits that every spawn policy respects.
public struct FleetLimits: Sendable, Equatable {
    /// Most instances alive at once, stopping ones included (MAX_NUM_EC2_INSTANCES, default 3).
    public var maxInstances: Int
    /// Jobs one instance encodes at once (MAX_ENCODING_JOBS_PER_EC2_INSTANCE, default 2).
    public var jobsPerInstance: Int

    public init(maxInstances: Int = 3, jobsPerInstance: Int = 2) {
        self.maxInstances = maxInstances
        self.jobsPerInstance = jobsPerInstance
    }

    /// How many instances may be launched now: the maximum less every
    /// instance alive, stopping ones included (a draining instance is still
    /// billed; launching its replacement before it is gone would exceed the
    /// maximum). Never negative.
    @inlinable public func launchRoom(_ snapshot: FleetSnapshot) -> Int {
        max(0, maxInstances - snapshot.aliveInstances)
    }

    /// A decision to move the fleet by `delta` instances (running and
    /// booting), with launches capped by ``launchRoom(_:)``.
    @inlinable public func change(by delta: Int, _ snapshot: FleetSnapshot) -> FleetDecision {
        .change(by: delta > 0 ? min(delta, launchRoom(snapshot)) : delta)
    }

    /// An instance count from a policy's arithmetic in Double, rounded up
    /// and saturated: a huge (or infinite) value becomes `Int.max`, and NaN
    /// or a negative one 0, instead of a trap converting it.
    @inlinable public static func instanceCount(roundingUp value: Double) -> Int {
        guard value > 0 else { return 0 }
        let rounded = value.rounded(.up)
        return rounded < Double(Int.max) ? Int(rounded) : Int.max
    }
}
