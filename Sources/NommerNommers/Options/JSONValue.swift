import Foundation
import NommerLive

/// A parsed JSON value: how nommers read their options without trusting the
/// shape a client sent. Decoding keeps booleans, numbers and strings apart.
public enum JSONValue: Sendable, Equatable, Codable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null; return }
        if let value = try? container.decode(Bool.self) { self = .bool(value); return }
        if let value = try? container.decode(Double.self) { self = .number(value); return }
        if let value = try? container.decode(String.self) { self = .string(value); return }
        if let value = try? container.decode([JSONValue].self) { self = .array(value); return }
        self = .object(try container.decode([String: JSONValue].self))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// Parses `text` as a JSON object (a nommer's options).
    ///
    /// - Parameters:
    ///   - field: the request field the text came from, named in errors.
    ///   - maximumBytes: longest accepted text, in bytes of UTF-8.
    /// - Throws: ``JobRequestError`` when the text is too long, malformed or not an object.
    public static func parseObject(_ text: String, field: String = "options",
                                   maximumBytes: Int = 16 * 1024) throws(JobRequestError) -> [String: JSONValue] {
        guard text.utf8.count <= maximumBytes else {
            throw JobRequestError(field: field, message: "longer than \(maximumBytes) bytes")
        }
        let parsed: JSONValue
        do {
            parsed = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        } catch {
            throw JobRequestError(field: field, message: "not valid JSON")
        }
        guard case .object(let object) = parsed else {
            throw JobRequestError(field: field, message: "must be a JSON object")
        }
        return object
    }

    /// A short name of the value's type, for error messages.
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "a list"
        case .object: return "an object"
        }
    }
}
