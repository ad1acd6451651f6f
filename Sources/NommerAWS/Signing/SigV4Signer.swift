import Crypto

/// AWS Signature Version 4 (`AWS4-HMAC-SHA256`): the canonical request, the
/// string to sign, the derived signing key and the signature, for requests
/// signed in the `Authorization` header or presigned in the query string.
///
/// Checked against every case of AWS's official SigV4 test suite.
public struct SigV4Signer: Sendable {
    /// The region in the credential scope (`us-east-1`).
    public var region: String
    /// The signing name of the service (`sqs`, `dynamodb`, `ec2`).
    public var service: String
    /// Remove `.`/`..` segments and repeated slashes from the path before
    /// signing (every service but S3).
    public var normalizePath: Bool
    /// Add and sign an `x-amz-content-sha256` header with the body's hash.
    public var signBodyHeader: Bool
    /// Send the session token but leave it out of the signature (services
    /// that want it added after signing, such as IoT).
    public var omitSessionTokenFromSignature: Bool

    static let algorithm = "AWS4-HMAC-SHA256"

    public init(region: String, service: String, normalizePath: Bool = true,
                signBodyHeader: Bool = false, omitSessionTokenFromSignature: Bool = false) {
        self.region = region
        self.service = service
        self.normalizePath = normalizePath
        self.signBodyHeader = signBodyHeader
        self.omitSessionTokenFromSignature = omitSessionTokenFromSignature
    }

    /// Signs `request` in headers: returns `X-Amz-Security-Token` (when the
    /// credentials have one), `X-Amz-Date`, `x-amz-content-sha256` (when asked)
    /// and `Authorization`, to append in that order.
    public func signHeaders(_ request: SigV4Request, credentials: AWSCredentials, at time: AWSTimestamp) -> SigV4Signature {
        let amzDate = time.amzDate
        let payloadHash = SHA256.hash(data: request.body).hexString
        var extra: [(name: String, value: String)] = []
        if let token = credentials.sessionToken, !omitSessionTokenFromSignature {
            extra.append(("X-Amz-Security-Token", token))
        }
        extra.append(("X-Amz-Date", amzDate))
        if signBodyHeader { extra.append(("x-amz-content-sha256", payloadHash)) }

        let canonicalQuery = AWSURIEncoding.canonicalQuery(request.query)
        let (canonicalHeaders, signedHeaders) = Self.canonicalHeaders(request.headers + extra)
        let canonicalRequest = [request.method, canonicalPath(request.path), canonicalQuery,
                                canonicalHeaders, signedHeaders, payloadHash].joined(separator: "\n")
        let scope = "\(time.scopeDate)/\(region)/\(service)/aws4_request"
        let stringToSign = Self.stringToSign(amzDate: amzDate, scope: scope, canonicalRequest: canonicalRequest)
        let signature = Self.signature(secret: credentials.secretAccessKey, scopeDate: time.scopeDate,
                                       region: region, service: service, stringToSign: stringToSign)
        var added: [(name: String, value: String)] = []
        if let token = credentials.sessionToken { added.append(("X-Amz-Security-Token", token)) }
        added.append(("X-Amz-Date", amzDate))
        if signBodyHeader { added.append(("x-amz-content-sha256", payloadHash)) }
        added.append(("Authorization", "\(Self.algorithm) Credential=\(credentials.accessKeyID)/\(scope), "
            + "SignedHeaders=\(signedHeaders), Signature=\(signature)"))
        return SigV4Signature(canonicalRequest: canonicalRequest, stringToSign: stringToSign,
                              signature: signature, addedHeaders: added, addedQuery: [])
    }

    /// Presigns `request` in its query string, valid for `expiresSeconds`:
    /// returns the `X-Amz-*` parameters to append, encoded, in order.
    public func presign(_ request: SigV4Request, credentials: AWSCredentials, at time: AWSTimestamp,
                        expiresSeconds: Int) -> SigV4Signature {
        let amzDate = time.amzDate
        let payloadHash = SHA256.hash(data: request.body).hexString
        let scope = "\(time.scopeDate)/\(region)/\(service)/aws4_request"
        let (canonicalHeaders, signedHeaders) = Self.canonicalHeaders(request.headers)
        var auth: [(name: String, value: String)] = [
            ("X-Amz-Algorithm", Self.algorithm),
            ("X-Amz-Credential", "\(credentials.accessKeyID)/\(scope)"),
            ("X-Amz-Date", amzDate),
            ("X-Amz-SignedHeaders", signedHeaders),
            ("X-Amz-Expires", String(expiresSeconds)),
        ]
        var signedQuery = request.query + auth
        if let token = credentials.sessionToken {
            auth.append(("X-Amz-Security-Token", token))
            if !omitSessionTokenFromSignature { signedQuery.append(("X-Amz-Security-Token", token)) }
        }
        let canonicalRequest = [request.method, canonicalPath(request.path),
                                AWSURIEncoding.canonicalQuery(signedQuery),
                                canonicalHeaders, signedHeaders, payloadHash].joined(separator: "\n")
        let stringToSign = Self.stringToSign(amzDate: amzDate, scope: scope, canonicalRequest: canonicalRequest)
        let signature = Self.signature(secret: credentials.secretAccessKey, scopeDate: time.scopeDate,
                                       region: region, service: service, stringToSign: stringToSign)
        auth.append(("X-Amz-Signature", signature))
        let encoded = auth.map { (name: AWSURIEncoding.encode($0.name), value: AWSURIEncoding.encode($0.value)) }
        return SigV4Signature(canonicalRequest: canonicalRequest, stringToSign: stringToSign,
                              signature: signature, addedHeaders: [], addedQuery: encoded)
    }

    /// The canonical URI: normalized (if asked) and percent-encoded, `/` kept.
    func canonicalPath(_ path: String) -> String {
        var path = path.isEmpty ? "/" : path
        if normalizePath {
            var segments: [Substring] = []
            for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
                if segment == "." { continue }
                if segment == ".." { _ = segments.popLast(); continue }
                segments.append(segment)
            }
            let trailing = path.hasSuffix("/") && !segments.isEmpty
            path = "/" + segments.joined(separator: "/") + (trailing ? "/" : "")
        }
        return AWSURIEncoding.encode(path, keepSlash: true)
    }

    /// Canonical header block (names lower-cased and sorted, values trimmed,
    /// inner whitespace runs folded to one space, repeated names joined by
    /// commas) and the signed-headers list.
    static func canonicalHeaders(_ headers: [(name: String, value: String)]) -> (String, String) {
        var order: [String] = []
        var values: [String: [String]] = [:]
        for header in headers {
            let name = header.name.lowercased()
            if values[name] == nil { order.append(name) }
            values[name, default: []].append(foldWhitespace(header.value))
        }
        let names = order.sorted()
        let block = names.map { "\($0):\((values[$0] ?? []).joined(separator: ","))\n" }.joined()
        return (block, names.joined(separator: ";"))
    }

    static func foldWhitespace(_ value: String) -> String {
        value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
            .joined(separator: " ")
    }

    static func stringToSign(amzDate: String, scope: String, canonicalRequest: String) -> String {
        [algorithm, amzDate, scope, SHA256.hash(data: Array(canonicalRequest.utf8)).hexString]
            .joined(separator: "\n")
    }

    static func signature(secret: String, scopeDate: String, region: String, service: String,
                          stringToSign: String) -> String {
        var key = hmac(Array("AWS4\(secret)".utf8), scopeDate)
        key = hmac(key, region)
        key = hmac(key, service)
        key = hmac(key, "aws4_request")
        return hmac(key, stringToSign).hexString
    }

    static func hmac(_ key: [UInt8], _ message: String) -> [UInt8] {
        let code = HMAC<SHA256>.authenticationCode(for: Array(message.utf8), using: SymmetricKey(data: key))
        return Array(code)
    }
}
