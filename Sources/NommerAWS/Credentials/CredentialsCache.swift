/// Holds the credentials a provider returned and asks again only when they
/// are about to expire (``refreshWindowSeconds`` before their expiration), so
/// instance-role credentials are renewed before they stop working.
public actor CredentialsCache: CredentialsProvider {
    public nonisolated let provider: any CredentialsProvider
    /// How long before expiry to fetch new credentials, in seconds.
    public nonisolated let refreshWindowSeconds: Int64
    private let clock: @Sendable () -> AWSTimestamp
    private var cached: AWSCredentials?

    public nonisolated var name: String { provider.name }

    public init(_ provider: any CredentialsProvider, refreshWindowSeconds: Int64 = 300,
                clock: @escaping @Sendable () -> AWSTimestamp = AWSTimestamp.now) {
        self.provider = provider
        self.refreshWindowSeconds = refreshWindowSeconds
        self.clock = clock
    }

    public func credentials() async throws(AWSError) -> AWSCredentials? {
        if let cached, isFresh(cached) { return cached }
        let fresh = try await provider.credentials()
        cached = fresh
        return fresh
    }

    /// Credentials, or an error naming where they were looked for.
    public func required() async throws(AWSError) -> AWSCredentials {
        guard let found = try await credentials() else {
            throw .credentials("no AWS credentials found (looked in: \(provider.name))")
        }
        return found
    }

    private func isFresh(_ credentials: AWSCredentials) -> Bool {
        guard let expiration = credentials.expiration else { return true }
        return clock().secondsSince1970 < expiration.secondsSince1970 - refreshWindowSeconds
    }
}
