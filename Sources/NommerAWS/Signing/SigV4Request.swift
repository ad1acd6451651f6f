/// The parts of an HTTP request that AWS Signature Version 4 signs.
public struct SigV4Request: Sendable {
    /// `GET`, `POST`, ...
    public var method: String
    /// The path as sent, not percent-encoded (`/`, `/example space/`).
    public var path: String
    /// Query parameters, decoded, in the order they are sent.
    public var query: [(name: String, value: String)]
    /// Headers in the order they are sent; a value may span lines (folded).
    public var headers: [(name: String, value: String)]
    /// The body, bytes.
    public var body: [UInt8]

    public init(method: String, path: String = "/", query: [(name: String, value: String)] = [],
                headers: [(name: String, value: String)], body: [UInt8] = []) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }
}

/// What signing produced: the intermediate texts (for tests and debugging)
/// and what to add to the request.
public struct SigV4Signature: Sendable {
    public let canonicalRequest: String
    public let stringToSign: String
    /// Lower-case hex.
    public let signature: String
    /// Headers to append to the request, in this order (header signing).
    public let addedHeaders: [(name: String, value: String)]
    /// Query parameters to append, already percent-encoded, in this order
    /// (presigned URLs).
    public let addedQuery: [(name: String, value: String)]
}
