/// Which failures are worth retrying, as botocore's standard retry mode
/// decides: throttling codes, transient codes, HTTP 500/502/503/504 and 429,
/// and lost connections. Validation errors and other 4xx are never retried.
public enum RetryClassifier {
    /// botocore `standard.py` `_THROTTLED_ERROR_CODES`.
    public static let throttlingCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "ProvisionedThroughputExceededException",
        "TransactionInProgressException", "RequestLimitExceeded", "BandwidthLimitExceeded",
        "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
        "EC2ThrottledException",
        // SQS's query-compatible code for the same thing.
        "AWS.SimpleQueueService.RequestThrottled",
    ]
    /// botocore `standard.py` `_TRANSIENT_ERROR_CODES`.
    public static let transientCodes: Set<String> = [
        "RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete",
    ]
    /// botocore `standard.py` `_TRANSIENT_STATUS_CODES`, plus 429 (too many requests).
    public static let retryableStatuses: Set<Int> = [429, 500, 502, 503, 504]

    public static func isRetryable(_ error: AWSServiceError) -> Bool {
        throttlingCodes.contains(error.code) || transientCodes.contains(error.code)
            || retryableStatuses.contains(error.httpStatus)
    }

    public static func isRetryable(_ error: AWSError) -> Bool {
        switch error {
        case let .service(serviceError): return isRetryable(serviceError)
        case .transport: return true
        case .credentials, .invalidRequest, .invalidResponse: return false
        }
    }
}
