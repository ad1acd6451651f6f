/// Retries with exponential backoff, capped, and a bound on attempts.
public struct RetryPolicy: Sendable, Equatable {
    /// Most tries in all (the first included).
    public var maximumAttempts: Int
    /// Wait before the second try, in seconds; doubled for each further try.
    public var initialBackoffSeconds: Double
    /// Longest wait between tries, in seconds.
    public var maximumBackoffSeconds: Double

    public init(maximumAttempts: Int = 6, initialBackoffSeconds: Double = 1, maximumBackoffSeconds: Double = 60) {
        self.maximumAttempts = max(1, maximumAttempts)
        self.initialBackoffSeconds = max(0, initialBackoffSeconds)
        self.maximumBackoffSeconds = max(0, maximumBackoffSeconds)
    }

    /// The wait after failed try number `attempt` (1-based), in seconds.
    public func backoffSeconds(afterAttempt attempt: Int) -> Double {
        let exponent = Double(max(0, min(attempt - 1, 60)))
        return min(maximumBackoffSeconds, initialBackoffSeconds * pow2(exponent))
    }

    private func pow2(_ exponent: Double) -> Double {
        var result = 1.0
        for _ in 0..<Int(exponent) { result *= 2 }
        return result
    }
}
