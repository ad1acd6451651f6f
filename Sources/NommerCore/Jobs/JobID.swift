/// A job's unique id (media-nommer's `unique_id`).
///
/// The original made a 50-character hex digest of the job's contents and a
/// random salt; ids are made by whoever creates the job (the API or the
/// simulator's workload), never by the core, which has no randomness.
public struct JobID: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    public let rawValue: String

    @inlinable public init(_ rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }

    public static func < (lhs: JobID, rhs: JobID) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
