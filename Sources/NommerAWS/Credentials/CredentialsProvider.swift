/// A source of credentials (environment, profile files, instance role).
public protocol CredentialsProvider: Sendable {
    /// A short name for messages (`environment`, `profile default`, `instance role`).
    var name: String { get }
    /// Current credentials; nil when this source has none (not configured),
    /// an error when it has some but they cannot be read.
    func credentials() async throws(AWSError) -> AWSCredentials?
}

/// Tries providers in order and uses the first that has credentials, as the
/// AWS SDKs do: environment, then shared files, then the instance role.
public struct CredentialsChain: CredentialsProvider {
    public let providers: [any CredentialsProvider]
    public var name: String { "chain(" + providers.map(\.name).joined(separator: ", ") + ")" }

    public init(_ providers: [any CredentialsProvider]) { self.providers = providers }

    /// The SDKs' default order, from the process's environment.
    public static func standard(environment: [String: String], transport: AWSHTTPTransport,
                                clock: @escaping @Sendable () -> AWSTimestamp) -> CredentialsChain {
        CredentialsChain([
            EnvironmentCredentials(environment: environment),
            ProfileCredentials(environment: environment),
            InstanceMetadataCredentials(
                baseURL: environment["AWS_EC2_METADATA_SERVICE_ENDPOINT"] ?? InstanceMetadataCredentials.defaultBaseURL,
                transport: transport, clock: clock),
        ])
    }

    public func credentials() async throws(AWSError) -> AWSCredentials? {
        for provider in providers {
            if let found = try await provider.credentials() { return found }
        }
        return nil
    }

    /// Credentials, or an error that says where they were looked for.
    public func required() async throws(AWSError) -> AWSCredentials {
        guard let found = try await credentials() else {
            throw .credentials("no AWS credentials found (looked in: \(providers.map(\.name).joined(separator: ", ")))")
        }
        return found
    }
}

/// Fixed credentials (tests, or keys given in configuration).
public struct StaticCredentials: CredentialsProvider {
    public let value: AWSCredentials
    public var name: String { "static" }
    public init(_ value: AWSCredentials) { self.value = value }
    public func credentials() async throws(AWSError) -> AWSCredentials? { value }
}
