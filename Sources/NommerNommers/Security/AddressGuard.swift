import Foundation

/// Decides which hosts a worker may fetch from and a notifier may call, so a
/// job cannot make a worker on a cloud instance fetch its own credentials
/// (169.254.169.254, fd00:ec2::254) or reach private services.
///
/// By default it refuses loopback, private, link-local (metadata included),
/// shared, multicast and reserved addresses; ranges given in `allowed`
/// (`--allow-network 127.0.0.0/8`) are let through. Every address a host name
/// resolves to is checked, and the caller connects to a checked address
/// (``checkedAddress(forURL:)``), so DNS cannot switch answers in between.
public struct AddressGuard: Sendable {
    /// Ranges refused unless allow-listed.
    public static let refusedByDefault: [CIDR] = [
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
        "192.0.0.0/24", "192.168.0.0/16", "198.18.0.0/15", "224.0.0.0/4", "240.0.0.0/4",
        "::/96", "::1/128", "fe80::/10", "fc00::/7", "ff00::/8", "100::/64", "2001:db8::/32",
    ].compactMap { CIDR($0) }

    /// Ranges let through even though they are refused by default.
    public let allowed: [CIDR]

    public init(allowed: [CIDR] = []) {
        self.allowed = allowed
    }

    /// Why an address or URL was refused.
    public enum Refusal: Error, Equatable, Sendable, CustomStringConvertible {
        case badURL(String)
        case portOutOfRange(url: String, port: Int)
        case schemeNotAllowed(String)
        case unresolvable(String)
        case addressRefused(host: String, address: String)

        public var description: String {
            switch self {
            case .badURL(let url): return "\(url) is not a valid http(s) URL"
            case let .portOutOfRange(url, port): return "\(url): port \(port) is not in 1...65535"
            case .schemeNotAllowed(let url): return "\(url): only http and https are allowed"
            case .unresolvable(let host): return "host \(host) does not resolve"
            case .addressRefused(let host, let address):
                return "host \(host) resolves to \(address), a private, loopback or link-local address that is not allowed"
            }
        }
    }

    /// True if the address (4 or 16 bytes) may be reached.
    public func permits(_ address: [UInt8]) -> Bool {
        let effective = Self.embeddedIPv4(address) ?? address
        if allowed.contains(where: { $0.contains(effective) || $0.contains(address) }) { return true }
        return !Self.refusedByDefault.contains { $0.contains(effective) }
    }

    /// Resolves the URL's host, checks every address, and returns the host and
    /// the first address (text) to connect to.
    public func checkedAddress(forURL text: String) throws(Refusal) -> (host: String, address: String) {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased() else { throw .badURL(text) }
        guard scheme == "http" || scheme == "https" else { throw .schemeNotAllowed(text) }
        guard let host = url.host, !host.isEmpty else { throw .badURL(text) }
        // Before anything connects: NIO traps on a port that does not fit 16 bits.
        if let port = url.port, !(1...65535).contains(port) { throw .portOutOfRange(url: text, port: port) }
        let bare = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
        let addresses = IPAddress.resolve(bare)
        guard let first = addresses.first else { throw .unresolvable(bare) }
        for address in addresses where !permits(address) {
            throw .addressRefused(host: bare, address: IPAddress.text(address))
        }
        return (bare, IPAddress.text(first))
    }

    /// The IPv4 address inside an IPv4-mapped (`::ffff:a.b.c.d`) or
    /// IPv4-compatible/NAT64 IPv6 address, so it is judged as IPv4.
    static func embeddedIPv4(_ address: [UInt8]) -> [UInt8]? {
        guard address.count == 16 else { return nil }
        let mapped = address[0..<10].allSatisfy { $0 == 0 } && address[10] == 0xFF && address[11] == 0xFF
        let nat64 = address[0..<12].elementsEqual([0x00, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0])
        return mapped || nat64 ? Array(address[12..<16]) : nil
    }
}
