import Logging
import NommerCore

/// How a driver retries a backend call that failed with a transient
/// ``BackendError``: exponential backoff with full jitter, capped.
public struct BackendRetryPolicy: Sendable, Equatable {
    /// Attempts in all, the first included; nil retries until the task is cancelled.
    public var maxAttempts: Int?
    /// The first backoff's ceiling, in seconds.
    public var baseDelaySeconds: Double
    /// The largest backoff ceiling, in seconds.
    public var maxDelaySeconds: Double

    public init(maxAttempts: Int? = 6, baseDelaySeconds: Double = 0.05, maxDelaySeconds: Double = 2) {
        self.maxAttempts = maxAttempts
        self.baseDelaySeconds = baseDelaySeconds
        self.maxDelaySeconds = maxDelaySeconds
    }

    /// Retries until cancelled: for calls whose failure would lose a decision.
    public static let untilCancelled = BackendRetryPolicy(maxAttempts: nil)

    /// The ceiling of the backoff before attempt `attempt + 1` (attempt >= 1), in seconds.
    public func delayCeiling(afterAttempt attempt: Int) -> Double {
        let exponent = Double(min(attempt - 1, 30))
        return min(maxDelaySeconds, baseDelaySeconds * pow2(exponent))
    }

    private func pow2(_ exponent: Double) -> Double {
        var result = 1.0
        for _ in 0..<Int(exponent) { result *= 2 }
        return result
    }
}

/// Calls `body`, retrying transient ``BackendError``s under `policy`;
/// non-transient errors, and the last transient one, are thrown.
public func withRetries<T: Sendable>(
    _ policy: BackendRetryPolicy, operation: String, logger: Logger,
    _ body: () async throws(BackendError) -> T
) async throws(BackendError) -> T {
    var attempt = 1
    while true {
        do {
            return try await body()
        } catch {
            let exhausted = policy.maxAttempts.map { attempt >= $0 } ?? false
            guard error.isTransient, !exhausted, !Task.isCancelled else { throw error }
            let delay = Double.random(in: 0...policy.delayCeiling(afterAttempt: attempt))
            logger.debug("retrying after a transient failure", metadata: [
                "operation": "\(operation)", "attempt": "\(attempt)", "error": "\(error)"])
            attempt += 1
            do {
                try await Task.sleep(nanoseconds: UInt64(delay * 1e9))
            } catch {
                throw BackendError.transient("\(operation): cancelled while retrying")
            }
        }
    }
}
