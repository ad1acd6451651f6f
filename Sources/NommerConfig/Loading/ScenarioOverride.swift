import Yams

/// One `--set path.to.key=value` override: the value is parsed as YAML (a
/// scalar, or a flow list or mapping) and set at the path before decoding,
/// creating intermediate mappings as needed.
struct ScenarioOverride {
    /// The text as given, without `--set`: `path=value`.
    let text: String
    /// The path split at dots.
    let segments: [String]
    /// The parsed value.
    let value: ConfigNode

    /// Parses `path=value`.
    init(_ text: String, file: String) throws(ScenarioError) {
        self.text = text
        guard let equals = text.firstIndex(of: "=") else {
            throw ScenarioError(kind: .badOverride(reason: "expected path=value"), file: file, override: text)
        }
        let path = String(text[..<equals]).trimmingWhitespace()
        let rawValue = String(text[text.index(after: equals)...])
        let segments = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !path.isEmpty, !segments.contains(where: \.isEmpty) else {
            throw ScenarioError(kind: .badOverride(reason: "'\(path)' is not a dotted key path"),
                                file: file, keyPath: path, override: text)
        }
        self.segments = segments
        let origin = ConfigNode.Origin.override(text)
        let composed: Node?
        do {
            composed = try Yams.compose(yaml: rawValue)
        } catch {
            throw ScenarioError(kind: .badOverride(reason: "value is not valid YAML: \(rawValue)"),
                                file: file, keyPath: path, override: text)
        }
        var node = try ConfigNode(composed ?? Node("~"), file: file, path: path)
        node.relabel(origin)
        self.value = node
    }

    var path: String { segments.joined(separator: ".") }

    /// Sets the value in `root`. Intermediate keys that are missing or not
    /// mappings become mappings. Setting a variant's selector (`policy.name`,
    /// `workload.arrivals.process`, any `distribution`) to a new value drops
    /// the file's keys beside it, which belonged to the old variant; setting
    /// `jobs` or `duration_hours` drops the file's other one.
    func apply(to root: inout ConfigNode) {
        Self.set(segments[...], value, in: &root, origin: .override(text), parentPath: "")
    }

    private static func set(_ segments: ArraySlice<String>, _ value: ConfigNode, in node: inout ConfigNode,
                            origin: ConfigNode.Origin, parentPath: String) {
        guard case var .mapping(entries) = node.value else {
            node = .emptyMapping(origin: origin)
            set(segments, value, in: &node, origin: origin, parentPath: parentPath)
            return
        }
        guard let key = segments.first else { return } // callers never pass an empty path
        let path = parentPath.isEmpty ? key : "\(parentPath).\(key)"
        let index = entries.firstIndex { $0.key == key }
        if segments.count == 1 {
            let current = index.map { entries[$0].value.display } ?? ScenarioSchema.defaultVariant(of: path)
            if ScenarioSchema.isVariantSelector(path), current != value.display {
                entries.removeAll { $0.key != key && !$0.keyOrigin.isOverride }
            }
            if let exclusive = ScenarioSchema.exclusiveSibling(of: path) {
                entries.removeAll { $0.key == exclusive && !$0.keyOrigin.isOverride }
            }
            if let index = entries.firstIndex(where: { $0.key == key }) {
                entries[index].value = value
                entries[index].keyOrigin = origin
            } else {
                entries.append(.init(key: key, keyOrigin: origin, value: value))
            }
        } else if let index {
            set(segments.dropFirst(), value, in: &entries[index].value, origin: origin, parentPath: path)
        } else {
            var child = ConfigNode.emptyMapping(origin: origin)
            set(segments.dropFirst(), value, in: &child, origin: origin, parentPath: path)
            entries.append(.init(key: key, keyOrigin: origin, value: child))
        }
        node.value = .mapping(entries)
    }
}

extension ConfigNode {
    /// Marks this node and everything in it as written at `origin`.
    mutating func relabel(_ origin: Origin) {
        self.origin = origin
        switch value {
        case .scalar:
            break
        case var .mapping(entries):
            for index in entries.indices {
                entries[index].keyOrigin = origin
                entries[index].value.relabel(origin)
            }
            value = .mapping(entries)
        case var .sequence(items):
            for index in items.indices { items[index].relabel(origin) }
            value = .sequence(items)
        }
    }
}

extension ConfigNode.Origin {
    var isOverride: Bool {
        if case .override = self { return true }
        return false
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return String(slice)
    }
}
