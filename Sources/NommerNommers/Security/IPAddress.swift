import Foundation

/// Numeric IP addresses as bytes, through `inet_pton`/`inet_ntop`, and name
/// resolution through `getaddrinfo`.
public enum IPAddress {
    /// The 4 (IPv4) or 16 (IPv6) bytes of a numeric address, or nil.
    public static func bytes(_ text: String) -> [UInt8]? {
        var text = text
        if text.hasPrefix("["), text.hasSuffix("]") { text = String(text.dropFirst().dropLast()) }
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { Array($0) }
        }
        return nil
    }

    /// The address a URL's host names when it is numeric: what ``bytes(_:)``
    /// accepts, and also the IPv4 forms `inet_aton(3)`, `getaddrinfo(3)` and
    /// URL parsers (WHATWG) accept: one to four parts, each decimal, octal
    /// (leading `0`) or hex (`0x`), the last filling the remaining bytes
    /// (`2130706433`, `0x7f.1`, `127.1`, `017700000001` are all 127.0.0.1),
    /// with at most one trailing dot. Nil for a host name.
    public static func hostBytes(_ text: String) -> [UInt8]? {
        bytes(text) ?? legacyIPv4(text)
    }

    /// True if `host` looks like a numeric IPv4 address (its last dot-separated
    /// part is a decimal, octal or hex number, as WHATWG URL parsing decides)
    /// but is not a valid one (`1.2.3.4.5`, `4294967296`, `256.1.1.1`): a
    /// URL parser refuses such a host and a resolver's answer for it is not
    /// to be trusted.
    public static func isMalformedNumericHost(_ host: String) -> Bool {
        guard hostBytes(host) == nil else { return false }
        var parts = host.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count > 1, parts.last?.isEmpty == true { parts.removeLast() }
        guard let last = parts.last, !last.isEmpty else { return false }
        if last.allSatisfy({ $0.isASCII && $0.isNumber }) { return true }
        let lower = last.lowercased()
        return lower.hasPrefix("0x") && lower.dropFirst(2).allSatisfy(\.isHexDigit)
    }

    /// `inet_aton(3)`'s IPv4 forms (see ``hostBytes(_:)``), or nil: the C
    /// library's own reading, so the check and the resolver agree. One
    /// trailing dot is allowed (as URL parsers do); whitespace, which
    /// `inet_aton` would stop at, is not.
    static func legacyIPv4(_ text: String) -> [UInt8]? {
        var host = Substring(text)
        if host.count > 1, host.last == "." { host = host.dropLast() }
        guard !host.isEmpty, host.utf8.count <= 64, host.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else { return nil }
        var address = in_addr()
        guard inet_aton(String(host), &address) != 0 else { return nil }
        // s_addr is in network byte order: its bytes in memory are the address's.
        return withUnsafeBytes(of: address.s_addr) { Array($0) }
    }

    /// The text form of 4 or 16 address bytes.
    public static func text(_ bytes: [UInt8]) -> String {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        let family = bytes.count == 4 ? AF_INET : AF_INET6
        let ok = bytes.withUnsafeBytes { raw in
            inet_ntop(family, raw.baseAddress, &buffer, socklen_t(buffer.count)) != nil
        }
        guard ok else { return "?" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Every address `host` resolves to (a numeric host resolves to itself).
    /// Blocking; call off the cooperative pool for slow resolvers.
    public static func resolve(_ host: String) -> [[UInt8]] {
        if let numeric = hostBytes(host) { return [numeric] }
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0, let first = list else { return [] }
        defer { freeaddrinfo(first) }
        var result: [[UInt8]] = []
        var node: UnsafeMutablePointer<addrinfo>? = first
        while let entry = node {
            if let address = entry.pointee.ai_addr {
                if entry.pointee.ai_family == AF_INET {
                    var sin = sockaddr_in()
                    memcpy(&sin, address, MemoryLayout<sockaddr_in>.size)
                    result.append(withUnsafeBytes(of: &sin.sin_addr) { Array($0) })
                } else if entry.pointee.ai_family == AF_INET6 {
                    var sin6 = sockaddr_in6()
                    memcpy(&sin6, address, MemoryLayout<sockaddr_in6>.size)
                    result.append(withUnsafeBytes(of: &sin6.sin6_addr) { Array($0) })
                }
            }
            node = entry.pointee.ai_next
        }
        var unique: [[UInt8]] = []
        for address in result where !unique.contains(address) { unique.append(address) }
        return unique
    }
}
