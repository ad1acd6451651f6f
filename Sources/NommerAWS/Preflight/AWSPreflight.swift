/// Start-up checks of an AWS account for the live runtime: each resource the
/// backend needs is asked for once, and every failure becomes one line that
/// says what is missing or refused, so `feederd` can print them all and exit
/// instead of crash-looping on the first call.
public struct AWSPreflight: Sendable {
    /// One thing that is wrong, as a sentence.
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        /// `sqs queue nommer-new-jobs`, `dynamodb table nommer-jobs`, ...
        public let resource: String
        /// The service's error code (`QueueDoesNotExist`, `AccessDenied`), or the failure kind.
        public let code: String
        public let message: String
        public var description: String { "\(resource): \(message) (\(code))" }
    }

    public var sqs: SQSClient?
    public var queueNames: [String]
    public var dynamo: DynamoDBClient?
    public var tableName: String?
    public var fleet: EC2Fleet?

    public init(sqs: SQSClient? = nil, queueNames: [String] = [], dynamo: DynamoDBClient? = nil,
                tableName: String? = nil, fleet: EC2Fleet? = nil) {
        self.sqs = sqs
        self.queueNames = queueNames
        self.dynamo = dynamo
        self.tableName = tableName
        self.fleet = fleet
    }

    /// Runs every check; an empty list means the account is ready.
    public func run() async -> [Problem] {
        var problems: [Problem] = []
        if let sqs {
            for name in queueNames {
                do { _ = try await sqs.queueURL(name: name) } catch {
                    problems.append(Self.problem("sqs queue \(name)", error, missing: "the queue does not exist"))
                }
            }
        }
        if let dynamo, let tableName {
            do { try await dynamo.describeTable(name: tableName) } catch {
                problems.append(Self.problem("dynamodb table \(tableName)", error, missing: "the table does not exist"))
            }
        }
        if let fleet {
            do { _ = try await fleet.describePages() } catch {
                problems.append(Self.problem("ec2 fleet \(fleet.fleetName)", error, missing: "not found"))
            }
        }
        return problems
    }

    static let missingCodes: Set<String> = [
        "QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue", "ResourceNotFoundException", "NoSuchDomain",
    ]
    static let deniedCodes: Set<String> = [
        "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "UnrecognizedClientException",
        "InvalidClientTokenId", "SignatureDoesNotMatch", "AuthFailure", "ExpiredToken", "ExpiredTokenException",
    ]

    static func problem(_ resource: String, _ error: AWSError, missing: String) -> Problem {
        switch error {
        case let .service(serviceError) where missingCodes.contains(serviceError.code):
            return Problem(resource: resource, code: serviceError.code, message: missing)
        case let .service(serviceError) where deniedCodes.contains(serviceError.code):
            return Problem(resource: resource, code: serviceError.code,
                           message: "access denied: check the credentials and the IAM policy (\(serviceError.message))")
        case let .service(serviceError):
            return Problem(resource: resource, code: serviceError.code, message: serviceError.message)
        case let .credentials(message):
            return Problem(resource: resource, code: "Credentials", message: message)
        case let .transport(message):
            return Problem(resource: resource, code: "Connection", message: "endpoint unreachable: \(message)")
        case let .invalidRequest(message), let .invalidResponse(message):
            return Problem(resource: resource, code: "Client", message: message)
        }
    }
}
