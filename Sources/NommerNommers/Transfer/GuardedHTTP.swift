import AsyncHTTPClient
import NIOCore

/// HTTP requests to URLs a job supplied (sources, notify URLs), through the
/// ``AddressGuard``: the host's addresses are resolved and checked first, the
/// connection goes to a checked address (a per-request DNS override, so a
/// second lookup cannot answer differently), and redirects are not followed
/// (a redirect could point anywhere).
public struct GuardedHTTP: Sendable {
    public let addressGuard: AddressGuard
    /// Whether a refused or failed connection is tried again until the
    /// request's deadline (async-http-client's default). Callers that retry
    /// with their own backoff (the notifier) turn it off, so an address where
    /// nothing listens fails its attempt at once instead of after the deadline.
    public let retriesConnecting: Bool

    public init(addressGuard: AddressGuard, retriesConnecting: Bool = true) {
        self.addressGuard = addressGuard
        self.retriesConnecting = retriesConnecting
    }

    /// Sends `request` and hands the response (whose body may still be
    /// streaming) to `handle`; the connection is closed afterwards.
    ///
    /// - Parameter timeoutSeconds: deadline for the whole exchange, in seconds.
    /// - Throws: ``AddressGuard/Refusal`` before connecting, or the client's errors.
    public func withResponse<T: Sendable>(
        _ request: HTTPClientRequest, timeoutSeconds: Double,
        _ handle: (HTTPClientResponse) async throws -> T
    ) async throws -> T {
        let checked = try addressGuard.checkedAddress(forURL: request.url)
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
        if IPAddress.bytes(checked.host) == nil {
            configuration.dnsOverride = [checked.host: checked.address]
        }
        configuration.connectionPool.retryConnectionEstablishment = retriesConnecting
        configuration.timeout = .init(connect: .seconds(10), read: .seconds(Int64(max(1, timeoutSeconds))))
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        do {
            let response = try await client.execute(request, timeout: .milliseconds(Int64(timeoutSeconds * 1000)))
            let result = try await handle(response)
            try? await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }
}
