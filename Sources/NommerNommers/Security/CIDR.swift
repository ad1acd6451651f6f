/// An IPv4 or IPv6 address range such as `127.0.0.0/8` or `fd00::/8`.
public struct CIDR: Sendable, Hashable, CustomStringConvertible {
    /// The network address: 4 bytes (IPv4) or 16 bytes (IPv6).
    public let network: [UInt8]
    /// Number of leading bits that must match.
    public let prefixLength: Int

    /// Parses `address/prefix`; a bare address is a range of one. Nil if malformed.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2, let bytes = IPAddress.bytes(String(parts[0])) else { return nil }
        let bits = bytes.count * 8
        var length = bits
        if parts.count == 2 {
            guard let parsed = Int(parts[1]), parsed >= 0, parsed <= bits else { return nil }
            length = parsed
        }
        network = bytes
        prefixLength = length
    }

    /// True if `address` (4 or 16 bytes) lies in the range.
    public func contains(_ address: [UInt8]) -> Bool {
        guard address.count == network.count else { return false }
        var remaining = prefixLength
        for index in 0..<address.count where remaining > 0 {
            let bits = min(8, remaining)
            let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
            if address[index] & mask != network[index] & mask { return false }
            remaining -= bits
        }
        return true
    }

    public var description: String { "\(IPAddress.text(network))/\(prefixLength)" }
}

extension AddressGuard {
    /// A guard allowing the ranges given on a command line (`--allow-network 127.0.0.0/8`).
    /// - Throws: ``MalformedCIDR`` naming the first range that does not parse.
    public init(allowing ranges: [String]) throws(MalformedCIDR) {
        var parsed: [CIDR] = []
        for text in ranges {
            guard let range = CIDR(text) else { throw MalformedCIDR(text: text) }
            parsed.append(range)
        }
        self.init(allowed: parsed)
    }
}

/// A network range that does not parse as `ADDRESS/PREFIX`.
public struct MalformedCIDR: Error, Equatable, Sendable, CustomStringConvertible {
    public let text: String
    public init(text: String) { self.text = text }
    public var description: String { "\"\(text)\" is not an address range like 127.0.0.0/8 or fd00::/8" }
}
