import Foundation

/// The EC2 instance metadata service, version 2 only: a session token is
/// fetched with `PUT /latest/api/token` (TTL in
/// `X-aws-ec2-metadata-token-ttl-seconds`) and sent as
/// `X-aws-ec2-metadata-token` on every `GET`. The token is reused until a
/// minute before its TTL ends.
public actor InstanceMetadataClient {
    /// `http://169.254.169.254`, or a test server; no trailing slash.
    public nonisolated let baseURL: String
    /// Token lifetime asked for, in seconds (at most 21600).
    public nonisolated let tokenTTLSeconds: Int64
    /// Per-request deadline, in seconds (short: off EC2 nothing answers).
    public nonisolated let timeoutSeconds: Int64
    private let transport: AWSHTTPTransport
    private let clock: @Sendable () -> AWSTimestamp
    private var token: (value: String, expires: Int64)?

    public static let defaultBaseURL = "http://169.254.169.254"

    public init(baseURL: String = InstanceMetadataClient.defaultBaseURL, transport: AWSHTTPTransport,
                tokenTTLSeconds: Int64 = 21_600, timeoutSeconds: Int64 = 2,
                clock: @escaping @Sendable () -> AWSTimestamp = AWSTimestamp.now) {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.transport = transport
        self.tokenTTLSeconds = tokenTTLSeconds
        self.timeoutSeconds = timeoutSeconds
        self.clock = clock
    }

    /// GETs `path` (`/latest/meta-data/instance-id`); nil on 404.
    public func get(_ path: String) async throws(AWSError) -> String? {
        let session = try await sessionToken()
        let response = try await transport.send(AWSHTTPRequest(
            method: "GET", url: baseURL + path,
            headers: [("X-aws-ec2-metadata-token", session)], timeoutSeconds: timeoutSeconds))
        switch response.status {
        case 200: return String(decoding: response.body, as: UTF8.self)
        case 404: return nil
        case 401:
            token = nil // expired or revoked: the next call fetches a new one
            throw .service(AWSServiceError(service: "imds", code: "Unauthorized",
                                           message: "metadata token refused", httpStatus: 401))
        default:
            throw .service(AWSServiceError(service: "imds", code: "HTTP\(response.status)",
                                           message: "GET \(path) failed", httpStatus: response.status))
        }
    }

    /// This instance's id (`i-0123...`), from `meta-data/instance-id`.
    public func instanceID() async throws(AWSError) -> String? {
        try await get("/latest/meta-data/instance-id")?.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func sessionToken() async throws(AWSError) -> String {
        let now = clock().secondsSince1970
        if let token, now < token.expires { return token.value }
        let response = try await transport.send(AWSHTTPRequest(
            method: "PUT", url: baseURL + "/latest/api/token",
            headers: [("X-aws-ec2-metadata-token-ttl-seconds", String(tokenTTLSeconds))],
            timeoutSeconds: timeoutSeconds))
        guard response.status == 200, !response.body.isEmpty else {
            throw .service(AWSServiceError(service: "imds", code: "HTTP\(response.status)",
                                           message: "PUT /latest/api/token failed", httpStatus: response.status))
        }
        let value = String(decoding: response.body, as: UTF8.self)
        token = (value, now + max(1, tokenTTLSeconds - 60))
        return value
    }
}
