import Yams

/// The scenario as a tree of YAML nodes, each remembering where it came
/// from: a line of the file or a `--set` override. Built from Yams' composed
/// `Node` tree; overrides are applied to it before it is decoded.
struct ConfigNode {
    /// Where a node or key was written.
    enum Origin: Equatable {
        /// In the file, at this line and column (1-based) when known.
        case file(line: Int?, column: Int?)
        /// By the override `path=value`.
        case override(String)
    }

    /// One key of a mapping, in document order.
    struct Entry {
        var key: String
        var keyOrigin: Origin
        var value: ConfigNode
    }

    enum Value {
        /// A scalar as Yams resolved it (its tag says int, float, bool, null or str).
        case scalar(Node.Scalar)
        case mapping([Entry])
        case sequence([ConfigNode])
    }

    var value: Value
    var origin: Origin

    init(_ value: Value, origin: Origin) {
        self.value = value
        self.origin = origin
    }

    /// An empty mapping written at `origin`.
    static func emptyMapping(origin: Origin) -> ConfigNode {
        ConfigNode(.mapping([]), origin: origin)
    }

    /// Converts Yams' tree. Mapping keys must be scalars.
    init(_ node: Node, file: String, path: String) throws(ScenarioError) {
        let origin = Origin(node.mark)
        switch node {
        case let .scalar(scalar):
            self.init(.scalar(scalar), origin: origin)
        case .alias:
            // The composer resolves aliases; an unresolved one is not data.
            throw ScenarioError(kind: .syntax(problem: "unresolved alias"), file: file,
                                keyPath: path, line: node.mark?.line, column: node.mark?.column)
        case let .sequence(sequence):
            var items: [ConfigNode] = []
            for (index, item) in sequence.enumerated() {
                items.append(try ConfigNode(item, file: file, path: "\(path)[\(index)]"))
            }
            self.init(.sequence(items), origin: origin)
        case let .mapping(mapping):
            var entries: [Entry] = []
            for (key, value) in mapping {
                guard case let .scalar(keyScalar) = key else {
                    throw ScenarioError(kind: .syntax(problem: "mapping keys must be plain strings"), file: file,
                                        keyPath: path, line: key.mark?.line, column: key.mark?.column)
                }
                let name = keyScalar.string
                let childPath = path.isEmpty ? name : "\(path).\(name)"
                entries.append(Entry(key: name, keyOrigin: Origin(key.mark),
                                     value: try ConfigNode(value, file: file, path: childPath)))
            }
            self.init(.mapping(entries), origin: origin)
        }
    }

    /// The value of a mapping's key, if this is a mapping that has it.
    subscript(key: String) -> ConfigNode? {
        guard case let .mapping(entries) = value else { return nil }
        return entries.first { $0.key == key }?.value
    }

    /// True for a YAML null (`~`, `null` or nothing at all).
    /// The node under `keys` in nested mappings (the last entry of a
    /// repeated key); nil if a key is missing or a node on the way is no mapping.
    func value(at keys: [String]) -> ConfigNode? {
        var node = self
        for key in keys {
            guard case let .mapping(entries) = node.value, let entry = entries.last(where: { $0.key == key }) else {
                return nil
            }
            node = entry.value
        }
        return node
    }

    var isNull: Bool {
        tagName == Tag.Name.null.rawValue
    }

    /// The resolved YAML tag of a scalar (e.g. `tag:yaml.org,2002:int`); nil for collections.
    var tagName: String? {
        if case let .scalar(scalar) = value { return Node.scalar(scalar).tag.rawValue }
        return nil
    }

    func hasTag(_ name: Tag.Name) -> Bool {
        tagName == name.rawValue
    }

    /// How the value reads in an error message.
    var display: String {
        switch value {
        case let .scalar(scalar):
            if isNull { return "null" }
            return scalar.string
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        }
    }
}

extension ConfigNode.Origin {
    init(_ mark: Mark?) {
        self = .file(line: mark?.line, column: mark?.column)
    }
}
