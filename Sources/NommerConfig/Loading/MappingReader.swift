/// Reads the keys of one mapping of the scenario. On creation it refuses a
/// non-mapping and any key not in `allowed`; a null section (`feeder:` with
/// nothing under it) reads as an empty mapping.
struct MappingReader {
    let context: DecodingContext
    /// The mapping's dotted key path; empty for the root.
    let path: String
    let node: ConfigNode
    let entries: [ConfigNode.Entry]
    let allowed: [String]

    /// `hint(key)` may say where an unknown key belongs.
    init(_ node: ConfigNode, path: String, allowed: [String], context: DecodingContext,
         hint: (String) -> String? = { _ in nil }) throws(ScenarioError) {
        self.context = context
        self.path = path
        self.node = node
        self.allowed = allowed
        switch node.value {
        case let .mapping(entries): self.entries = entries
        case .scalar where node.isNull: self.entries = []
        default: throw context.wrongType("a mapping", node, path: path)
        }
        for entry in entries where !allowed.contains(entry.key) {
            throw context.error(.unknownKey(key: entry.key, allowed: allowed, hint: hint(entry.key)),
                                path: keyPath(entry.key), at: entry.keyOrigin)
        }
    }

    func keyPath(_ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    /// The key's value, or nil if the key is absent.
    subscript(key: String) -> ConfigNode? {
        assert(allowed.contains(key), "\(keyPath(key)) is read but not in the schema")
        return entries.first { $0.key == key }?.value
    }

    func entry(_ key: String) -> ConfigNode.Entry? {
        entries.first { $0.key == key }
    }

    /// The key's value; a missing key is an error at the mapping.
    func required(_ key: String) throws(ScenarioError) -> ConfigNode {
        guard let value = self[key] else {
            throw context.error(.missingKey(key: key), path: keyPath(key), at: node.origin)
        }
        return value
    }

    func number(_ key: String, _ requirement: Requirement? = nil) throws(ScenarioError) -> Double? {
        guard let value = self[key] else { return nil }
        return try context.number(value, path: keyPath(key), requirement)
    }

    func integer(_ key: String, _ requirement: Requirement? = nil) throws(ScenarioError) -> Int? {
        guard let value = self[key] else { return nil }
        return try context.integer(value, path: keyPath(key), requirement)
    }

    func bool(_ key: String) throws(ScenarioError) -> Bool? {
        guard let value = self[key] else { return nil }
        return try context.bool(value, path: keyPath(key))
    }

    func string(_ key: String) throws(ScenarioError) -> String? {
        guard let value = self[key] else { return nil }
        return try context.string(value, path: keyPath(key))
    }

    func requiredNumber(_ key: String, _ requirement: Requirement? = nil) throws(ScenarioError) -> Double {
        try context.number(try required(key), path: keyPath(key), requirement)
    }

    func requiredInteger(_ key: String, _ requirement: Requirement? = nil) throws(ScenarioError) -> Int {
        try context.integer(try required(key), path: keyPath(key), requirement)
    }

    /// The selector of a variant mapping (`process`, `distribution`, `name`).
    func requiredChoice(_ key: String, _ choices: [String]) throws(ScenarioError) -> String {
        try context.choice(try required(key), path: keyPath(key), choices)
    }
}
