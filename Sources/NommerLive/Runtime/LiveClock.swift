import Foundation
import NommerCore

/// Where the live runtime reads the time. The core never reads a clock: the
/// drivers read one of these and pass the value in.
public protocol LiveClock: Sendable {
    /// The current time, in seconds since the Unix epoch.
    func now() -> Seconds
}

/// The system's wall clock.
public struct SystemClock: LiveClock {
    public init() {}
    public func now() -> Seconds { Date().timeIntervalSince1970 }
}

/// A clock that moves only when told to, for tests of time-dependent
/// semantics (visibility timeouts) without waiting.
public final class ManualClock: LiveClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Seconds

    public init(_ start: Seconds = 1_000_000) { current = start }

    public func now() -> Seconds { lock.withLock { current } }

    /// Moves the clock forward by `seconds`.
    public func advance(by seconds: Seconds) { lock.withLock { current += seconds } }
}
