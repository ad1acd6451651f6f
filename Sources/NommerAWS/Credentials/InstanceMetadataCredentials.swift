import Foundation

/// The instance role's temporary credentials from IMDSv2:
/// `GET /latest/meta-data/iam/security-credentials/` names the role, and
/// `GET .../ROLE` returns `AccessKeyId`, `SecretAccessKey`, `Token` and
/// `Expiration`. Wrap it in a ``CredentialsCache`` to renew them before they expire.
public struct InstanceMetadataCredentials: CredentialsProvider {
    public let client: InstanceMetadataClient
    public var name: String { "instance role (\(client.baseURL))" }

    public static let defaultBaseURL = InstanceMetadataClient.defaultBaseURL
    static let rolePath = "/latest/meta-data/iam/security-credentials/"

    public init(client: InstanceMetadataClient) { self.client = client }

    public init(baseURL: String, transport: AWSHTTPTransport,
                clock: @escaping @Sendable () -> AWSTimestamp = AWSTimestamp.now) {
        client = InstanceMetadataClient(baseURL: baseURL, transport: transport, clock: clock)
    }

    /// nil when no metadata service answers (not on EC2) or no role is attached.
    public func credentials() async throws(AWSError) -> AWSCredentials? {
        let roles: String?
        do { roles = try await client.get(Self.rolePath) } catch {
            if case .transport = error { return nil }
            throw error
        }
        guard let role = roles?.split(whereSeparator: \.isNewline).first.map(String.init), !role.isEmpty,
              let document = try await client.get(Self.rolePath + role) else { return nil }
        return try Self.parse(document, role: role)
    }

    struct Document: Decodable {
        var Code: String?
        var Message: String?
        var AccessKeyId: String?
        var SecretAccessKey: String?
        var Token: String?
        var Expiration: String?
    }

    static func parse(_ text: String, role: String) throws(AWSError) -> AWSCredentials {
        let document: Document
        do { document = try JSONDecoder().decode(Document.self, from: Data(text.utf8)) } catch {
            throw .credentials("instance role \(role): credentials document is not JSON")
        }
        if let code = document.Code, code != "Success" {
            throw .credentials("instance role \(role): \(code): \(document.Message ?? "no message")")
        }
        guard let id = document.AccessKeyId, let secret = document.SecretAccessKey else {
            throw .credentials("instance role \(role): credentials document lacks AccessKeyId or SecretAccessKey")
        }
        var expiration: AWSTimestamp?
        if let text = document.Expiration {
            guard let parsed = AWSTimestamp(iso8601: text) else {
                throw .credentials("instance role \(role): unreadable Expiration '\(text)'")
            }
            expiration = parsed
        }
        return AWSCredentials(accessKeyID: id, secretAccessKey: secret, sessionToken: document.Token,
                              expiration: expiration)
    }
}
