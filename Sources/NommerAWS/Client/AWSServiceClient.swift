import Foundation

/// Sends signed requests to one AWS service endpoint and retries what is
/// worth retrying. Service clients (SQS, DynamoDB, EC2) are built on it.
public struct AWSServiceClient: Sendable {
    /// The service's signing name (`sqs`).
    public let service: String
    public let region: String
    /// `https://sqs.us-east-1.amazonaws.com`, or `http://127.0.0.1:PORT`.
    public let endpoint: URL
    public let credentials: CredentialsCache
    public let retryPolicy: RetryPolicy
    public let transport: AWSHTTPTransport
    /// Per-attempt deadline, in seconds.
    public var timeoutSeconds: Int64 = 30
    let clock: @Sendable () -> AWSTimestamp
    let sleep: @Sendable (Double) async -> Void

    /// - Parameters:
    ///   - sleep: waits the given seconds between attempts (tests record instead).
    public init(service: String, region: String, endpoint: URL, credentials: any CredentialsProvider,
                retryPolicy: RetryPolicy = RetryPolicy(), transport: AWSHTTPTransport = AWSHTTPTransport(),
                clock: @escaping @Sendable () -> AWSTimestamp = AWSTimestamp.now,
                sleep: @escaping @Sendable (Double) async -> Void = AWSServiceClient.taskSleep) throws(AWSError) {
        try Self.checkEndpoint(endpoint)
        self.service = service
        self.region = region
        self.endpoint = endpoint
        self.credentials = (credentials as? CredentialsCache) ?? CredentialsCache(credentials, clock: clock)
        self.retryPolicy = retryPolicy
        self.transport = transport
        self.clock = clock
        self.sleep = sleep
    }

    /// Refuses an endpoint that is not an http(s) URL with a host.
    static func checkEndpoint(_ endpoint: URL) throws(AWSError) {
        guard let scheme = endpoint.scheme, scheme == "http" || scheme == "https", endpoint.host != nil else {
            throw .invalidRequest("endpoint '\(endpoint.absoluteString)' is not an http(s) URL with a host")
        }
    }

    @Sendable public static func taskSleep(_ seconds: Double) async {
        guard seconds > 0 else { return }
        try? await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
    }

    /// `host[:port]` as the Host header carries it.
    var hostHeader: String {
        let host = endpoint.host ?? ""
        guard let port = endpoint.port else { return host }
        let isDefault = (endpoint.scheme == "http" && port == 80) || (endpoint.scheme == "https" && port == 443)
        return isDefault ? host : "\(host):\(port)"
    }

    /// Signs and sends; retries throttling, transient errors and lost
    /// connections under ``retryPolicy``; returns the first 2xx response.
    public func send(method: String, path: String = "/", query: [(name: String, value: String)] = [],
                     headers: [(name: String, value: String)], body: [UInt8]) async throws(AWSError) -> AWSHTTPResponse {
        var url = endpoint.absoluteString
        while url.hasSuffix("/") { url.removeLast() }
        url += AWSURIEncoding.encode(path, keepSlash: true)
        if !query.isEmpty {
            url += "?" + query.map { "\(AWSURIEncoding.encode($0.name))=\(AWSURIEncoding.encode($0.value))" }
                .joined(separator: "&")
        }
        let signedHeaders = [(name: "Host", value: hostHeader)] + headers
        return try await retryPolicy.send(service: service, sleep: sleep) { () async throws(AWSError) -> AWSHTTPResponse in
            // Signed afresh for each attempt (a new timestamp, and credentials that may have been renewed).
            let creds = try await credentials.required()
            let request = SigV4Request(method: method, path: path, query: query, headers: signedHeaders, body: body)
            let signature = SigV4Signer(region: region, service: service)
                .signHeaders(request, credentials: creds, at: clock())
            return try await transport.send(AWSHTTPRequest(
                method: method, url: url, headers: signedHeaders + signature.addedHeaders,
                body: body, timeoutSeconds: timeoutSeconds))
        }
    }

    /// An AWS JSON 1.0 call: `POST /` with `X-Amz-Target: TARGET` and a JSON body.
    public func json<Input: Encodable, Output: Decodable>(
        target: String, _ input: Input, as output: Output.Type
    ) async throws(AWSError) -> Output {
        let body: Data
        do { body = try JSONEncoder().encode(input) } catch {
            throw .invalidRequest("\(target): cannot encode the request: \(error)")
        }
        let response = try await send(method: "POST", headers: [
            (name: "Content-Type", value: "application/x-amz-json-1.0"),
            (name: "X-Amz-Target", value: target),
        ], body: Array(body))
        let data = response.body.isEmpty ? Data("{}".utf8) : Data(response.body)
        do { return try JSONDecoder().decode(Output.self, from: data) } catch {
            throw .invalidResponse("\(target): \(error)")
        }
    }
}
