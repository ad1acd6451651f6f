import Foundation

/// One account and region as the settings and the environment give them:
/// the region resolved, the credentials found once, and signed clients for
/// each service at its endpoint. `AWSBackend.connect` and `AWSResourceSetup`
/// both start here, so they resolve the account the same way.
struct AWSConnection: Sendable {
    let settings: AWSBackendSettings
    let region: String
    let credentials: CredentialsCache
    let transport: AWSHTTPTransport

    /// Resolves the region (`aws.region`, then the environment and profile)
    /// and checks that credentials can be found (environment, shared
    /// files, then the instance role); each failure is a start-up problem.
    static func open(settings: AWSBackendSettings, environment: [String: String],
                     transport: AWSHTTPTransport) async throws(AWSBackend.StartupError) -> AWSConnection {
        let region: String
        do {
            guard let resolved = try settings.region ?? AWSRegion.resolve(environment: environment) else {
                throw AWSBackend.StartupError(problems: [.init(resource: "region", code: "NoRegion",
                                                               message: "set aws.region, AWS_REGION or a profile region")])
            }
            region = resolved
        } catch let error as AWSBackend.StartupError { throw error } catch let error as AWSError {
            throw failure("region", error)
        } catch {
            throw failure("region", .credentials("\(error)"))
        }
        let credentials = CredentialsCache(CredentialsChain([
            EnvironmentCredentials(environment: environment),
            ProfileCredentials(environment: environment),
            InstanceMetadataCredentials(client: InstanceMetadataClient(baseURL: settings.metadataBaseURL, transport: transport)),
        ]))
        do { _ = try await credentials.required() } catch { throw failure("credentials", error) }
        return AWSConnection(settings: settings, region: region, credentials: credentials, transport: transport)
    }

    /// A signed JSON/query client for `name` (`sqs`, `dynamodb`, `ec2`).
    func service(_ name: String) throws(AWSBackend.StartupError) -> AWSServiceClient {
        let url = try endpoint(name)
        do {
            var client = try AWSServiceClient(service: name, region: region, endpoint: url, credentials: credentials,
                                              retryPolicy: RetryPolicy(maxAttempts: settings.retryMaxAttempts),
                                              transport: transport)
            client.timeoutSeconds = settings.requestTimeoutSeconds
            return client
        } catch { throw Self.failure("\(name) endpoint", error) }
    }

    /// A SimpleDB client (Signature Version 2).
    func simpleDB() throws(AWSBackend.StartupError) -> SimpleDBClient {
        let url = try endpoint("sdb")
        do {
            return try SimpleDBClient(endpoint: url, region: region, credentials: credentials,
                                      retryPolicy: RetryPolicy(maxAttempts: settings.retryMaxAttempts), transport: transport)
        } catch { throw Self.failure("sdb endpoint", error) }
    }

    private func endpoint(_ name: String) throws(AWSBackend.StartupError) -> URL {
        let text = settings.endpoint(for: name, region: region)
        guard let url = URL(string: text) else {
            throw AWSBackend.StartupError(problems: [.init(resource: "\(name) endpoint", code: "BadEndpoint",
                                                           message: "'\(text)' is not a URL")])
        }
        return url
    }

    /// One start-up problem from an AWS error.
    static func failure(_ resource: String, _ error: AWSError) -> AWSBackend.StartupError {
        AWSBackend.StartupError(problems: [AWSPreflight.problem(resource, error, missing: "not found")])
    }
}
