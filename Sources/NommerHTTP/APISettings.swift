import Foundation
import NommerNommers

/// How the job API listens and what it accepts.
public struct APISettings: Sendable {
    /// Address to listen on (`127.0.0.1`, `0.0.0.0`, `::1`).
    public var host: String
    /// TCP port; 0 picks a free one (see ``JobAPI/application(...)``'s `onListening`).
    public var port: Int
    /// Bearer token every route but `/health` requires; mandatory unless `host` is loopback.
    public var token: String?
    /// Directories `file://` sources and destinations must lie in.
    public var roots: AllowedRoots
    /// Guard for numeric hosts in `http(s)://` sources and notify URLs (names are resolved and checked when used).
    public var addressGuard: AddressGuard
    /// Largest request body, in bytes.
    public var maximumBodyBytes: Int
    /// Longest source, destination or notify URI, in bytes.
    public var maximumURIBytes: Int
    /// Longest options object (as JSON text), in bytes.
    public var maximumOptionsBytes: Int
    /// Most jobs one `GET /jobs` returns.
    public var maximumListLimit: Int

    public init(host: String = "127.0.0.1", port: Int = 8080, token: String? = nil, roots: AllowedRoots,
                addressGuard: AddressGuard = AddressGuard(), maximumBodyBytes: Int = 64 * 1024,
                maximumURIBytes: Int = 4096, maximumOptionsBytes: Int = 16 * 1024, maximumListLimit: Int = 1000) {
        self.host = host
        self.port = port
        self.token = token
        self.roots = roots
        self.addressGuard = addressGuard
        self.maximumBodyBytes = maximumBodyBytes
        self.maximumURIBytes = maximumURIBytes
        self.maximumOptionsBytes = maximumOptionsBytes
        self.maximumListLimit = maximumListLimit
    }

    /// The bearer token from `--token`, else from the environment variable
    /// `NOMMER_TOKEN`; nil when neither is set or both are empty.
    public static func token(option: String?,
                             environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let option, !option.isEmpty { return option }
        if let value = environment["NOMMER_TOKEN"], !value.isEmpty { return value }
        return nil
    }

    /// True for `127.0.0.0/8`, `::1` and `localhost`.
    public var listensOnLoopbackOnly: Bool {
        if host == "localhost" { return true }
        guard let bytes = IPAddress.bytes(host) else { return false }
        return CIDR("127.0.0.0/8")?.contains(bytes) == true || CIDR("::1/128")?.contains(bytes) == true
    }
}
