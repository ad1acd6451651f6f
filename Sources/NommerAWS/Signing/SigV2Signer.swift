import Foundation
import Crypto

/// AWS Signature Version 2 with HmacSHA256, as SimpleDB requires: the
/// parameters get `AWSAccessKeyId`, `SignatureMethod=HmacSHA256`,
/// `SignatureVersion=2`, `Timestamp` (and `SecurityToken` for temporary
/// credentials); the string to sign is
/// `METHOD\nhost\npath\ncanonical query`; the signature is the base64 HMAC.
public struct SigV2Signer: Sendable {
    public init() {}

    /// The parameters with the authentication ones added, the string to sign
    /// and the signature, for `method` (`GET`/`POST`) to `host` (lower-cased,
    /// with `:port` when not the default) and `path`.
    public func sign(parameters: [(name: String, value: String)], method: String, host: String, path: String = "/",
                     credentials: AWSCredentials, at time: AWSTimestamp)
        -> (parameters: [(name: String, value: String)], stringToSign: String, signature: String)
    {
        var all = parameters
        all.append(("AWSAccessKeyId", credentials.accessKeyID))
        all.append(("SignatureMethod", "HmacSHA256"))
        all.append(("SignatureVersion", "2"))
        if !all.contains(where: { $0.name == "Timestamp" || $0.name == "Expires" }) {
            all.append(("Timestamp", time.iso8601))
        }
        if let token = credentials.sessionToken { all.append(("SecurityToken", token)) }
        let stringToSign = [method, host.lowercased(), path.isEmpty ? "/" : path,
                            AWSURIEncoding.canonicalQuery(all)].joined(separator: "\n")
        let code = HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8),
                                                   using: SymmetricKey(data: Array(credentials.secretAccessKey.utf8)))
        let signature = Data(code).base64EncodedString()
        all.append(("Signature", signature))
        return (all, stringToSign, signature)
    }
}
