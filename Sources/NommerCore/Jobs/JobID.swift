/// A job's unique id (media-nommer's `unique_id`).
///
/// The original made a 50-character hex digest of the job's contents and a
/// random salt; ids are made by whoever creates the job (the API or the
/// simulator's workload), never by the core, which has no randomness.
///
/// Two ids are equal when their text is; they sort by their text. An id
/// spelled `j<n>` (the form the simulator's workloads use) also carries `n`
/// as ``serialNumber``, so a backend can index records by number instead of
/// hashing text; equality and hashing stay those of the text.
public struct JobID: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    public let rawValue: String
    /// `n` of an id spelled `j<n>`, or `noSerial`.
    @usableFromInline let serial: UInt64
    @usableFromInline static let noSerial = UInt64.max

    public init(_ rawValue: String) {
        self.rawValue = rawValue
        serial = Self.parseSerial(rawValue)
    }

    /// The id `j<n>`: equal to `JobID("j\(n)")`. `n` must be below 10^18.
    public init(serialNumber n: UInt64) {
        precondition(n < 1_000_000_000_000_000_000, "serial numbers have at most 18 digits")
        rawValue = "j" + String(n)
        serial = n
    }

    /// `n` when the id is spelled `j<n>` (`n` in decimal, no leading zeros,
    /// at most 18 digits); nil for any other spelling.
    @inlinable public var serialNumber: UInt64? { serial == Self.noSerial ? nil : serial }

    public var description: String { rawValue }

    @inlinable public static func == (lhs: JobID, rhs: JobID) -> Bool {
        // Canonical spelling: equal serial numbers mean equal text, and back.
        if lhs.serial != noSerial || rhs.serial != noSerial { return lhs.serial == rhs.serial }
        return lhs.rawValue == rhs.rawValue
    }

    @inlinable public func hash(into hasher: inout Hasher) {
        if serial != Self.noSerial { hasher.combine(serial) } else { hasher.combine(rawValue) }
    }

    public static func < (lhs: JobID, rhs: JobID) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// `n` of a canonical `j<n>`, else `noSerial`.
    private static func parseSerial(_ text: String) -> UInt64 {
        var iterator = text.utf8.makeIterator()
        guard iterator.next() == UInt8(ascii: "j") else { return noSerial }
        var value: UInt64 = 0
        var digits = 0
        while let byte = iterator.next() {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), digits < 18 else { return noSerial }
            if digits == 1 && value == 0 { return noSerial } // a leading zero: not canonical
            value = value * 10 + UInt64(byte - UInt8(ascii: "0"))
            digits += 1
        }
        return digits > 0 ? value : noSerial
    }
}
