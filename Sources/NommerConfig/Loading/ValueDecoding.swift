import Yams

/// Decoding one node as a typed value, with errors that name the file, the
/// key path and where the value was written.
struct DecodingContext {
    let file: String

    func error(_ kind: ScenarioError.Kind, path: String, at origin: ConfigNode.Origin) -> ScenarioError {
        switch origin {
        case let .file(line, column):
            return ScenarioError(kind: kind, file: file, keyPath: path, line: line, column: column)
        case let .override(text):
            return ScenarioError(kind: kind, file: file, keyPath: path, override: text)
        }
    }

    func wrongType(_ expected: String, _ node: ConfigNode, path: String) -> ScenarioError {
        error(.wrongType(expected: expected, got: node.display), path: path, at: node.origin)
    }

    /// A finite number; integers are numbers too.
    func number(_ node: ConfigNode, path: String, _ requirement: Requirement? = nil) throws(ScenarioError) -> Double {
        guard case let .scalar(scalar) = node.value else { throw wrongType("a number", node, path: path) }
        let yaml = Node.scalar(scalar)
        let value: Double?
        if node.hasTag(.int) {
            value = yaml.int.map(Double.init) ?? yaml.float
        } else if node.hasTag(.float) {
            value = yaml.float
        } else {
            value = nil
        }
        guard let value else { throw wrongType("a number", node, path: path) }
        guard value.isFinite else {
            throw error(.outOfRange(requirement: "finite", got: node.display), path: path, at: node.origin)
        }
        try check(value, node, path: path, requirement)
        return value
    }

    /// An integer: 3.5 (or 3.0) is a type error.
    func integer(_ node: ConfigNode, path: String, _ requirement: Requirement? = nil) throws(ScenarioError) -> Int {
        guard case let .scalar(scalar) = node.value, node.hasTag(.int),
              let value = Node.scalar(scalar).int
        else { throw wrongType("an integer", node, path: path) }
        try check(Double(value), node, path: path, requirement)
        return value
    }

    func bool(_ node: ConfigNode, path: String) throws(ScenarioError) -> Bool {
        guard case let .scalar(scalar) = node.value, node.hasTag(.bool),
              let value = Node.scalar(scalar).bool
        else { throw wrongType("a bool", node, path: path) }
        return value
    }

    /// Any scalar but null, as written (so `name: 2024` is the string "2024").
    func string(_ node: ConfigNode, path: String) throws(ScenarioError) -> String {
        guard case let .scalar(scalar) = node.value, !node.isNull else { throw wrongType("a string", node, path: path) }
        return scalar.string
    }

    /// A string that must be one of `choices`.
    func choice(_ node: ConfigNode, path: String, _ choices: [String]) throws(ScenarioError) -> String {
        let value = try string(node, path: path)
        guard choices.contains(value) else {
            throw error(.outOfRange(requirement: "one of " + choices.joined(separator: ", "), got: value),
                        path: path, at: node.origin)
        }
        return value
    }

    private func check(_ value: Double, _ node: ConfigNode, path: String,
                       _ requirement: Requirement?) throws(ScenarioError) {
        if let requirement, !requirement.test(value) {
            throw error(.outOfRange(requirement: requirement.text, got: node.display), path: path, at: node.origin)
        }
    }
}
