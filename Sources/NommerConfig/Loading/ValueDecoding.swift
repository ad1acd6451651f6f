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

    /// A finite number; integers are numbers too. Only decimal text is a
    /// number (``DecimalText``): YAML 1.1's base-60 (`1:30`), hex, octal and
    /// `1_000` forms are refused as "expected a decimal number".
    func number(_ node: ConfigNode, path: String, _ requirement: Requirement? = nil) throws(ScenarioError) -> Double {
        guard case let .scalar(scalar) = node.value, node.hasTag(.int) || node.hasTag(.float) else {
            throw wrongType("a number", node, path: path)
        }
        let text = scalar.string
        let value: Double
        if DecimalText.isDecimal(text) {
            value = DecimalText.number(text) ?? .infinity
        } else if let special = Node.scalar(scalar).float, !special.isFinite {
            value = special // .inf, -.inf, .nan: refused as not finite below
        } else {
            throw wrongType("a decimal number", node, path: path)
        }
        guard value.isFinite else {
            throw error(.outOfRange(requirement: "finite", got: node.display), path: path, at: node.origin)
        }
        try check(value, node, path: path, requirement)
        return value
    }

    /// An integer: 3.5 (or 3.0) is a type error; so is any form but decimal
    /// digits (`0x10`, `010`, `1:30`). Digits beyond the range of `Int` are
    /// out of range, not a type error.
    func integer(_ node: ConfigNode, path: String, _ requirement: Requirement? = nil) throws(ScenarioError) -> Int {
        let text = try integerText(node, path: path)
        guard let value = Int(text.first == "+" ? String(text.dropFirst()) : text) else {
            let range = requirement?.text ?? "in [\(Int.min), \(Int.max)]"
            throw error(.outOfRange(requirement: range, got: node.display), path: path, at: node.origin)
        }
        try check(Double(value), node, path: path, requirement)
        return value
    }

    /// An integer from 0 to `UInt64.max` (a seed: the sweep writes seeds of the whole range).
    func unsignedInteger(_ node: ConfigNode, path: String) throws(ScenarioError) -> UInt64 {
        let text = try integerText(node, path: path)
        guard let value = UInt64(text.first == "+" ? String(text.dropFirst()) : text) else {
            throw error(.outOfRange(requirement: "in [0, \(UInt64.max)]", got: node.display), path: path, at: node.origin)
        }
        return value
    }

    /// The text of an integer scalar written in decimal digits.
    private func integerText(_ node: ConfigNode, path: String) throws(ScenarioError) -> String {
        guard case let .scalar(scalar) = node.value, node.hasTag(.int) else {
            throw wrongType("an integer", node, path: path)
        }
        guard DecimalText.isDecimalInteger(scalar.string) else {
            throw wrongType("a decimal integer", node, path: path)
        }
        return scalar.string
    }

    func bool(_ node: ConfigNode, path: String) throws(ScenarioError) -> Bool {
        // Only `true` and `false`: YAML 1.1's yes/no/on/off/True are refused, as the docs say.
        guard case let .scalar(scalar) = node.value, node.hasTag(.bool), ["true", "false"].contains(scalar.string),
              let value = Node.scalar(scalar).bool
        else { throw wrongType("a bool (true or false)", node, path: path) }
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
