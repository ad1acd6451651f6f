import Foundation
import Yams

/// Loads scenario files (YAML, schema in `docs/scenarios.md`) into ``Scenario``s.
///
/// Every key is optional except where a variant needs it (`process`,
/// `distribution`, a fixed policy's `instances`); absent keys keep the Swift
/// types' defaults. Unknown keys are errors. Overrides (`--set path=value`)
/// are applied to the parsed tree before it is decoded, so they are checked
/// exactly like the file, and their errors name the override.
public enum ScenarioLoader {
    /// Reads and decodes the file at `path`, then applies `overrides`
    /// (`path.to.key=value`, in order).
    public static func load(path: String, overrides: [String] = []) throws(ScenarioError) -> Scenario {
        try parse(yaml: try text(path: path), file: path, overrides: overrides)
    }

    /// The text of the scenario file at `path` (UTF-8); an unreadable file is
    /// a ``ScenarioError`` naming it.
    public static func text(path: String) throws(ScenarioError) -> String {
        do {
            return try TextFile.read(path)
        } catch {
            throw ScenarioError(kind: .unreadableFile(reason: error.reason), file: path)
        }
    }

    /// Decodes scenario text; `file` names it in errors.
    public static func parse(yaml: String, file: String, overrides: [String] = []) throws(ScenarioError) -> Scenario {
        var root = try compose(yaml, file: file)
        for text in overrides {
            try ScenarioOverride(text, file: file).apply(to: &root)
        }
        return try ScenarioDecoder(context: DecodingContext(file: file)).decode(root)
    }

    /// Yams' node tree with origins; an empty document is an empty mapping.
    static func compose(_ yaml: String, file: String) throws(ScenarioError) -> ConfigNode {
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw syntaxError(error, file: file)
        } catch {
            throw ScenarioError(kind: .syntax(problem: "\(error)"), file: file)
        }
        guard let node else { return .emptyMapping(origin: .file(line: 1, column: 1)) }
        return try ConfigNode(node, file: file, path: "")
    }

    /// Yams' error with its line and column, without its source snippet.
    static func syntaxError(_ error: YamlError, file: String) -> ScenarioError {
        func make(_ problem: String, _ mark: Mark?) -> ScenarioError {
            ScenarioError(kind: .syntax(problem: problem), file: file, line: mark?.line, column: mark?.column)
        }
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            return make((context.map { "\($0.text): " } ?? "") + problem, mark)
        case let .duplicatedKeysInMapping(duplicates, context):
            // Yams gives the mapping's position, not the repeated key's.
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return make("duplicate key \(keys) in the mapping that starts here", context.mark)
        default:
            return make("\(error)", nil)
        }
    }
}
