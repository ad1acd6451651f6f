/// A DynamoDB attribute value in the JSON 1.0 wire format (`{"S": "..."}`,
/// `{"N": "12.5"}`, `{"BOOL": true}`, `{"NULL": true}`); only the types
/// the job store writes.
public enum DynamoDBAttributeValue: Codable, Sendable, Equatable {
    case string(String)
    /// A number, as its decimal text.
    case number(String)
    case bool(Bool)
    case null

    enum Key: String, CodingKey { case S, N, BOOL, NULL }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        if let text = try container.decodeIfPresent(String.self, forKey: .S) { self = .string(text) }
        else if let text = try container.decodeIfPresent(String.self, forKey: .N) { self = .number(text) }
        else if let flag = try container.decodeIfPresent(Bool.self, forKey: .BOOL) { self = .bool(flag) }
        else if try container.decodeIfPresent(Bool.self, forKey: .NULL) == true { self = .null }
        else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "unsupported DynamoDB attribute type"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        switch self {
        case let .string(text): try container.encode(text, forKey: .S)
        case let .number(text): try container.encode(text, forKey: .N)
        case let .bool(flag): try container.encode(flag, forKey: .BOOL)
        case .null: try container.encode(true, forKey: .NULL)
        }
    }

    public static func number(_ value: Double) -> DynamoDBAttributeValue { .number(String(value)) }
    public static func number(_ value: Int) -> DynamoDBAttributeValue { .number(String(value)) }

    public var stringValue: String? { if case let .string(text) = self { return text }; return nil }
    public var doubleValue: Double? { if case let .number(text) = self { return Double(text) }; return nil }
    public var intValue: Int? {
        if case let .number(text) = self { return Int(text) ?? Double(text).map { Int($0) } }
        return nil
    }
}

/// An item: attribute name to value.
public typealias DynamoDBItem = [String: DynamoDBAttributeValue]
