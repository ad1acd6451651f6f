import Foundation

/// Exponential backoff with full jitter and a cap (botocore's standard mode):
/// before retry `n` (1-based) wait `random() * min(baseSeconds * 2^(n-1), maxBackoffSeconds)`.
/// A `Retry-After` (seconds) or `x-amz-retry-after` (milliseconds) header
/// lengthens the wait to at most that long, but never more than
/// ``retryAfterMaxExtraSeconds`` beyond the jittered delay (botocore's rule).
/// Retries also draw on a ``RetryQuota``, shared by the copies of one policy
/// (one per client, as botocore has one per client).
public struct RetryPolicy: Sendable {
    /// Attempts in all, the first included (botocore: 3).
    public var maxAttempts: Int
    /// The first retry's upper bound, in seconds (botocore: 1).
    public var baseSeconds: Double
    /// The cap on any one wait, in seconds (botocore: 20).
    public var maxBackoffSeconds: Double
    /// How far past the jittered delay a server's Retry-After may push the wait, in seconds (botocore: 5).
    public var retryAfterMaxExtraSeconds: Double
    /// A uniform number in [0, 1): the jitter's randomness, injectable so
    /// tests can seed it.
    public var random: @Sendable () -> Double
    /// The budget of retries this policy's client may still make.
    public let quota: RetryQuota

    public init(maxAttempts: Int = 3, baseSeconds: Double = 1, maxBackoffSeconds: Double = 20,
                retryAfterMaxExtraSeconds: Double = 5,
                random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
                quota: RetryQuota = RetryQuota()) {
        self.quota = quota
        self.maxAttempts = max(1, maxAttempts)
        self.baseSeconds = baseSeconds
        self.maxBackoffSeconds = maxBackoffSeconds
        self.retryAfterMaxExtraSeconds = retryAfterMaxExtraSeconds
        self.random = random
    }

    /// Whether to retry after `error` on attempt `attempt` (1 = the first):
    /// it must be retryable, attempts must be left, and the quota must
    /// grant the retry's cost, which is then returned (nil: do not retry).
    func retryCost(after error: AWSError, attempt: Int) -> Int? {
        guard RetryClassifier.isRetryable(error), attempt < maxAttempts else { return nil }
        let cost = RetryQuota.cost(of: error)
        return quota.acquire(cost) ? cost : nil
    }

    /// Sends with `attempt` (which signs afresh each time) until a 2xx
    /// response, which it returns; a failure is retried while it is
    /// retryable, attempts are left and the quota grants it, after the
    /// jittered wait (`sleep`); the last failure is thrown. The one retry loop
    /// of every AWS client (SigV4 services and SimpleDB).
    func send(service: String, sleep: @Sendable (Double) async -> Void,
              _ attempt: () async throws(AWSError) -> AWSHTTPResponse) async throws(AWSError) -> AWSHTTPResponse {
        var number = 1
        var lastRetryCost: Int?
        while true {
            let failure: AWSError
            var retryAfter: Double?
            do {
                let response = try await attempt()
                if (200..<300).contains(response.status) {
                    quota.succeeded(lastRetryCost: lastRetryCost)
                    return response
                }
                failure = .service(AWSErrorParser.parse(service: service, status: response.status,
                                                        headers: response.headers, body: response.body))
                retryAfter = Self.retryAfterSeconds(response.headers)
            } catch {
                failure = error
            }
            guard let cost = retryCost(after: failure, attempt: number) else { throw failure }
            lastRetryCost = cost
            await sleep(delaySeconds(beforeRetry: number, retryAfterSeconds: retryAfter))
            number += 1
        }
    }

    /// The wait before retry number `retry` (1 = the second attempt), in seconds.
    public func delaySeconds(beforeRetry retry: Int, retryAfterSeconds: Double? = nil) -> Double {
        let exponent = Double(max(0, retry - 1))
        let jittered = random() * min(baseSeconds * pow2(exponent), maxBackoffSeconds)
        guard let retryAfterSeconds, retryAfterSeconds >= 0 else { return jittered }
        return max(jittered, min(retryAfterSeconds, jittered + retryAfterMaxExtraSeconds))
    }

    private func pow2(_ exponent: Double) -> Double {
        exponent >= 60 ? Double.greatestFiniteMagnitude : Double(UInt64(1) << UInt64(exponent))
    }

    /// The server's requested wait from `x-amz-retry-after` (ms) or
    /// `Retry-After` (seconds; an HTTP date is ignored), in seconds.
    static func retryAfterSeconds(_ headers: [(name: String, value: String)]) -> Double? {
        if let ms = AWSErrorParser.header("x-amz-retry-after", headers).flatMap({ Double($0) }), ms >= 0 {
            return ms / 1000
        }
        if let seconds = AWSErrorParser.header("Retry-After", headers).flatMap({ Double($0.trimmingCharacters(in: .whitespaces)) }),
           seconds >= 0 {
            return seconds
        }
        return nil
    }
}
