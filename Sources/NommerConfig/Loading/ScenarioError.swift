/// Why a scenario could not be loaded: what is wrong, and where — the file,
/// the dotted key path, the line and column when known, or the `--set`
/// override the offending value came from.
///
/// Its description reads like a compiler diagnostic:
/// `scenarios/x.yaml:12:5: workload.arrivals.rate_per_hour: must be > 0, got -3`.
public struct ScenarioError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What is wrong.
    public enum Kind: Sendable, Equatable {
        /// The file is missing or unreadable.
        case unreadableFile(reason: String)
        /// The text is not valid YAML.
        case syntax(problem: String)
        /// A key the schema does not know here. `allowed` lists the keys that
        /// are; `hint` may say where the key belongs (another policy, say).
        case unknownKey(key: String, allowed: [String], hint: String?)
        /// A value of the wrong type: `expected` is "a number", "an integer",
        /// "a bool", "a string", "a mapping" or "a list".
        case wrongType(expected: String, got: String)
        /// A value of the right type outside its range: `requirement` reads
        /// after "must be", e.g. "> 0" or "in [0, 1]".
        case outOfRange(requirement: String, got: String)
        /// A required key is absent.
        case missingKey(key: String)
        /// Keys that exclude each other were both given.
        case conflictingKeys([String])
        /// A malformed `--set` (no `=`, an empty path, a value that is not YAML).
        case badOverride(reason: String)
    }

    public var kind: Kind
    /// The scenario file, as given to the loader.
    public var file: String
    /// The dotted key path, e.g. `workload.arrivals.rate_per_hour`; empty for the whole file.
    public var keyPath: String
    /// 1-based line of the offending text in the file, when known.
    public var line: Int?
    /// 1-based column, when known.
    public var column: Int?
    /// The `--set path=value` text (without `--set`) the offending value came
    /// from, if it came from an override rather than the file.
    public var override: String?
    /// The option that gave ``override``: `--set`, or `--vary` for a sweep's axis value.
    public var overrideOption = "--set"

    public init(kind: Kind, file: String, keyPath: String = "", line: Int? = nil,
                column: Int? = nil, override: String? = nil) {
        self.kind = kind
        self.file = file
        self.keyPath = keyPath
        self.line = line
        self.column = column
        self.override = override
    }

    /// True if the offending value came from a `--set` override.
    public var isFromOverride: Bool { override != nil }

    /// The problem without the location.
    public var message: String {
        switch kind {
        case let .unreadableFile(reason):
            return "cannot read scenario file: \(reason)"
        case let .syntax(problem):
            return "YAML syntax error: \(problem)"
        case let .unknownKey(key, allowed, hint):
            let where_ = hint.map { " (\($0))" } ?? ""
            let list = allowed.isEmpty ? "none" : allowed.joined(separator: ", ")
            return "unknown key '\(key)'\(where_); allowed keys: \(list)"
        case let .wrongType(expected, got):
            return "expected \(expected), got \(got)"
        case let .outOfRange(requirement, got):
            return "must be \(requirement), got \(got)"
        case let .missingKey(key):
            return "missing required key '\(key)'"
        case let .conflictingKeys(keys):
            return "conflicting keys: " + keys.map { "'\($0)'" }.joined(separator: " and ")
                + " cannot both be given"
        case let .badOverride(reason):
            return "bad --set: \(reason)"
        }
    }

    public var description: String {
        var location = file
        if let override {
            location += ": \(overrideOption) \(override)"
        } else if let line {
            location += ":\(line)"
            if let column { location += ":\(column)" }
        }
        let path = keyPath.isEmpty ? "" : "\(keyPath): "
        return "\(location): \(path)\(message)"
    }
}
