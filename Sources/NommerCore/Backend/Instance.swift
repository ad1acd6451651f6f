/// An instance's id (an EC2 instance id, or a local worker process's name).
public struct InstanceID: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let rawValue: String
    @inlinable public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
    public static func < (lhs: InstanceID, rhs: InstanceID) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Where an instance is in its life, as the fleet port reports it.
public enum InstanceState: String, Sendable, Equatable, CaseIterable {
    /// Launched, not yet taking work (EC2 `pending`, or running but still booting).
    case booting
    /// Up and taking work.
    case running
    /// Asked to stop: finishing its jobs, taking no new ones.
    case stopping
}

/// One instance of the fleet, as `describe` returns it.
public struct InstanceDescription: Sendable, Equatable {
    public let id: InstanceID
    public var state: InstanceState
    /// When it was launched, in seconds.
    public let launchedAt: Seconds

    public init(id: InstanceID, state: InstanceState, launchedAt: Seconds) {
        self.id = id
        self.state = state
        self.launchedAt = launchedAt
    }
}
