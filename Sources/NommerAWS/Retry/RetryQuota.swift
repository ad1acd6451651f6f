import Synchronization

/// botocore's retry quota (standard retry mode): one client's budget of
/// retries, so that while a service is failing retries soon stop instead of
/// multiplying the load on it. It starts at 500 units; a retry takes 5
/// (10 after a lost connection or a time-out, which botocore counts as time-outs)
/// and is not made when fewer are left; a successful call gives back what
/// its last retry took, or 1 if it needed none, up to 500 again.
public final class RetryQuota: Sendable {
    /// botocore `quota.py` `INITIAL_CAPACITY`.
    public static let initialCapacity = 500
    /// botocore `standard.py` `_RETRY_COST`.
    public static let retryCost = 5
    /// botocore `standard.py` `_TIMEOUT_RETRY_REQUEST`.
    public static let timeoutRetryCost = 10
    /// botocore `standard.py` `_NO_RETRY_INCREMENT`.
    public static let noRetryIncrement = 1

    private let capacity: Int
    private let available: Mutex<Int>

    public init(capacity: Int = RetryQuota.initialCapacity) {
        self.capacity = max(0, capacity)
        available = Mutex(max(0, capacity))
    }

    /// Units left.
    public var availableCapacity: Int { available.withLock { $0 } }

    /// The cost of retrying after `error`.
    static func cost(of error: AWSError) -> Int {
        if case .transport = error { return timeoutRetryCost }
        return retryCost
    }

    /// Takes `amount` units for a retry; false (and nothing taken) when fewer are left.
    func acquire(_ amount: Int) -> Bool {
        available.withLock { units in
            guard units >= amount else { return false }
            units -= amount
            return true
        }
    }

    /// Gives units back after a success, up to the capacity.
    func release(_ amount: Int) {
        available.withLock { units in units = min(capacity, units + amount) }
    }

    /// After a successful call: the last retry's cost back, or the
    /// no-retry increment if it was not retried.
    func succeeded(lastRetryCost: Int?) {
        release(lastRetryCost ?? Self.noRetryIncrement)
    }
}
