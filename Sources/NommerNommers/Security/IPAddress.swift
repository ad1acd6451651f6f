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
        if let numeric = bytes(host) { return [numeric] }
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
