import NommerCore

/// An error response from an AWS service, parsed from its body (JSON 1.0
/// `__type`/`message`, or the query protocol's `<Error><Code>/<Message>`).
public struct AWSServiceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The service's signing name (`sqs`, `dynamodb`, `ec2`, `sdb`).
    public var service: String
    /// The error code without namespace (`QueueDoesNotExist`, `ThrottlingException`).
    public var code: String
    public var message: String
    /// The HTTP status of the response.
    public var httpStatus: Int
    /// The request id AWS gave the call (for support cases), if it sent one.
    public var requestID: String?

    public init(service: String, code: String, message: String, httpStatus: Int, requestID: String? = nil) {
        self.service = service
        self.code = code
        self.message = message
        self.httpStatus = httpStatus
        self.requestID = requestID
    }

    public var description: String {
        var text = "\(service): \(code): \(message) (HTTP \(httpStatus)"
        if let requestID { text += ", request id \(requestID)" }
        return text + ")"
    }
}

/// Any failure of a call to AWS.
public enum AWSError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The service answered with an error.
    case service(AWSServiceError)
    /// No answer: connection refused or reset, timeout, TLS failure.
    case transport(String)
    /// No usable credentials, or a malformed credentials/config file.
    case credentials(String)
    /// Refused before sending: the request breaks a documented limit.
    case invalidRequest(String)
    /// An answer this client cannot read.
    case invalidResponse(String)

    public var description: String {
        switch self {
        case let .service(error): return error.description
        case let .transport(message): return "connection failed: \(message)"
        case let .credentials(message): return "credentials: \(message)"
        case let .invalidRequest(message): return "invalid request: \(message)"
        case let .invalidResponse(message): return "unreadable response: \(message)"
        }
    }

    /// The core's view: throttling, 5xx and lost connections are transient;
    /// everything else carries the service's code and message.
    public var backendError: BackendError { BackendErrorMapping.map(self) }
}
