import NommerCore

/// How AWS failures become the core's ``BackendError``.
enum BackendErrorMapping {
    static func map(_ error: AWSError) -> BackendError {
        switch error {
        case let .service(serviceError):
            if RetryClassifier.isRetryable(serviceError) {
                return .transient(serviceError.description)
            }
            return .service(code: serviceError.code, message: serviceError.description)
        case let .transport(message):
            return .transient("connection failed: \(message)")
        case let .credentials(message):
            return .service(code: "CredentialsError", message: message)
        case let .invalidRequest(message):
            return .service(code: "InvalidRequest", message: message)
        case let .invalidResponse(message):
            return .service(code: "InvalidResponse", message: message)
        }
    }
}
