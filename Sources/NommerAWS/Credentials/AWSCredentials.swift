/// An access key pair, with a session token and an expiry for temporary
/// credentials. Its description and debug description never show the secret
/// or the token, so logging a value of this type leaks nothing.
public struct AWSCredentials: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    public let accessKeyID: String
    public let secretAccessKey: String
    public let sessionToken: String?
    /// When temporary credentials stop working; nil for long-term keys.
    public let expiration: AWSTimestamp?

    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil,
                expiration: AWSTimestamp? = nil) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.expiration = expiration
    }

    /// The key id's first four characters, the rest masked.
    public var description: String {
        let shown = accessKeyID.prefix(4)
        var text = "AWSCredentials(accessKeyID: \(shown)****, secretAccessKey: <redacted>"
        if sessionToken != nil { text += ", sessionToken: <redacted>" }
        if let expiration { text += ", expiration: \(expiration.iso8601)" }
        return text + ")"
    }

    public var debugDescription: String { description }
}
