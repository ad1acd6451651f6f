import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// One HTTP request as the AWS clients send it.
public struct AWSHTTPRequest: Sendable {
    public var method: String
    /// Absolute URL with the query string already encoded.
    public var url: String
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    /// Deadline for the whole exchange, in seconds.
    public var timeoutSeconds: Int64

    public init(method: String, url: String, headers: [(name: String, value: String)] = [],
                body: [UInt8] = [], timeoutSeconds: Int64 = 30) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeoutSeconds = timeoutSeconds
    }
}

/// A response: status, headers and the whole body.
public struct AWSHTTPResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public func header(_ name: String) -> String? { AWSErrorParser.header(name, headers) }
}

/// Sends requests over async-http-client. Owns no event loop: it uses the
/// client it is given (``FailFastHTTPClient/shared`` by default, which lives
/// as long as the process and needs no shutdown).
public struct AWSHTTPTransport: Sendable {
    public let client: HTTPClient
    /// The largest response body read, in bytes.
    public var maximumBodyBytes: Int

    /// The AWS clients' own retry policy (botocore's standard mode) decides
    /// when to try again, so the default client does not re-connect by itself.
    public init(client: HTTPClient = FailFastHTTPClient.shared, maximumBodyBytes: Int = 16 << 20) {
        self.client = client
        self.maximumBodyBytes = maximumBodyBytes
    }

    public func send(_ request: AWSHTTPRequest) async throws(AWSError) -> AWSHTTPResponse {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = HTTPMethod(rawValue: request.method)
        for header in request.headers { outgoing.headers.add(name: header.name, value: header.value) }
        if !request.body.isEmpty || request.method == "POST" || request.method == "PUT" {
            outgoing.body = .bytes(ByteBuffer(bytes: request.body))
        }
        do {
            let response = try await client.execute(outgoing, timeout: .seconds(request.timeoutSeconds))
            let buffer = try await response.body.collect(upTo: maximumBodyBytes)
            return AWSHTTPResponse(status: Int(response.status.code),
                                   headers: response.headers.map { (name: $0.name, value: $0.value) },
                                   body: Array(buffer.readableBytesView))
        } catch let error as NIOTooManyBytesError {
            throw .invalidResponse("response body over \(maximumBodyBytes) bytes (\(error))")
        } catch {
            throw .transport("\(request.method) \(Self.withoutQuery(request.url)): \(error)")
        }
    }

    /// The URL without its query (which may carry a presigned signature).
    static func withoutQuery(_ url: String) -> String {
        url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? url
    }
}
