import Yams

/// One `--set path.to.key=value` override: the value is parsed as YAML (a
/// scalar, or a flow list or mapping) and set at the path before decoding,
/// creating intermediate mappings as needed. A segment `key[n]` addresses
/// item n (from 0) of the list under `key` (`workload.arrivals.bursts[0].rate_per_hour`).
struct ScenarioOverride {
    /// One step of the path: a key, and an index into the list under it if given.
    struct Segment {
        let key: String
        let index: Int?
        var text: String { index.map { "\(key)[\($0)]" } ?? key }
    }

    /// The text as given, without `--set`: `path=value`.
    let text: String
    /// The path split at dots.
    let segments: [Segment]
    let file: String
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
        let parts = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !path.isEmpty, !parts.contains(where: \.isEmpty) else {
            throw ScenarioError(kind: .badOverride(reason: "'\(path)' is not a dotted key path"),
                                file: file, keyPath: path, override: text)
        }
        var segments: [Segment] = []
        for part in parts {
            guard let segment = Self.segment(part) else {
                throw ScenarioError(kind: .badOverride(reason: "'\(part)' in '\(path)' is not a key or key[index]"),
                                    file: file, keyPath: path, override: text)
            }
            segments.append(segment)
        }
        self.segments = segments
        self.file = file
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

    var path: String { segments.map(\.text).joined(separator: ".") }

    /// `key` or `key[n]` (n a decimal >= 0); nil for anything else with brackets.
    private static func segment(_ part: String) -> Segment? {
        guard let open = part.firstIndex(of: "[") else {
            return part.contains("]") ? nil : Segment(key: part, index: nil)
        }
        guard part.last == "]", open != part.startIndex else { return nil }
        let digits = part[part.index(after: open)..<part.index(before: part.endIndex)]
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber), let index = Int(digits) else {
            return nil
        }
        return Segment(key: String(part[..<open]), index: index)
    }

    /// Sets the value in `root`. Intermediate keys that are missing or not
    /// mappings become mappings. Setting a variant's selector (`policy.name`,
    /// `workload.arrivals.process`, any `distribution`) to a new value drops
    /// the file's keys beside it, which belonged to the old variant; setting
    /// `jobs` or `duration_hours` drops the file's other one.
    /// A list index addresses an item that must exist: the list is not
    /// created or grown (set the whole list for that).
    func apply(to root: inout ConfigNode) throws(ScenarioError) {
        try set(segments[...], value, in: &root, parentPath: "")
    }

    private func set(_ segments: ArraySlice<Segment>, _ value: ConfigNode, in node: inout ConfigNode,
                     parentPath: String) throws(ScenarioError) {
        let origin = ConfigNode.Origin.override(text)
        guard case var .mapping(entries) = node.value else {
            node = .emptyMapping(origin: origin)
            try set(segments, value, in: &node, parentPath: parentPath)
            return
        }
        guard let segment = segments.first else { return } // callers never pass an empty path
        let key = segment.key
        let path = parentPath.isEmpty ? key : "\(parentPath).\(key)"
        let index = entries.firstIndex { $0.key == key }
        if let itemIndex = segment.index {
            guard let index, case var .sequence(items) = entries[index].value.value else {
                throw ScenarioError(kind: .badOverride(reason: "\(path) is not a list in the file (set the whole list)"),
                                    file: file, keyPath: path, override: text)
            }
            guard itemIndex < items.count else {
                throw ScenarioError(kind: .badOverride(reason: "\(path) has \(items.count) items, no item \(itemIndex)"),
                                    file: file, keyPath: path, override: text)
            }
            if segments.count == 1 {
                items[itemIndex] = value
            } else {
                try set(segments.dropFirst(), value, in: &items[itemIndex], parentPath: "\(path)[\(itemIndex)]")
            }
            entries[index].value.value = .sequence(items)
            node.value = .mapping(entries)
            return
        }
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
            try set(segments.dropFirst(), value, in: &entries[index].value, parentPath: path)
        } else {
            var child = ConfigNode.emptyMapping(origin: origin)
            try set(segments.dropFirst(), value, in: &child, parentPath: path)
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
