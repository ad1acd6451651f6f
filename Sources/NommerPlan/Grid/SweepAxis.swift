import Foundation
import NommerConfig

/// One `--vary path.to.key=...` option: a scenario key and the values it
/// takes, either listed (`key=v1,v2,...`, each value YAML as in `--set`) or
/// as a range (`key=start:stop:step`, numbers, `stop` included when the
/// steps land on it).
public struct SweepAxis: Sendable, Equatable, Codable {
    /// The dotted key path, as `--set` takes it.
    public var key: String
    /// The values as text, each parsed as YAML when applied.
    public var values: [String]

    public init(key: String, values: [String]) {
        self.key = key
        self.values = values
    }

    /// Parses `key=v1,v2,...` or `key=start:stop:step`.
    public init(parsing text: String) throws(PlanError) {
        guard let equals = text.firstIndex(of: "=") else {
            throw PlanError("--vary \(text): expected path.to.key=v1,v2,... or path.to.key=start:stop:step")
        }
        let key = text[..<equals].trimmingCharacters(in: .whitespaces)
        let rest = text[text.index(after: equals)...].trimmingCharacters(in: .whitespaces)
        guard !key.isEmpty else { throw PlanError("--vary \(text): no key before '='") }
        let values: [String]
        if let range = try Self.range(rest, option: text) {
            values = range
        } else {
            values = Self.splitTopLevel(rest).map { $0.trimmingCharacters(in: .whitespaces) }
            guard !rest.isEmpty, !values.contains(where: \.isEmpty) else {
                throw PlanError("--vary \(text): empty value list (give v1,v2,... or start:stop:step)")
            }
        }
        self.init(key: key, values: values)
    }

    /// The override text for value number `index`, as `--set` takes it.
    func override(_ index: Int) -> String { "\(key)=\(values[index])" }

    /// `start:stop:step` as values, or nil when the text is not a range.
    /// The three numbers are decimal (as in a scenario); the number of
    /// values is worked out in floating point before anything is converted,
    /// so a range of 1e300 values is refused rather than overflowing.
    private static func range(_ text: String, option: String) throws(PlanError) -> [String]? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        guard parts.count == 3, !text.contains("{"), !text.contains("[") else { return nil }
        guard let start = DecimalText.number(parts[0]), let stop = DecimalText.number(parts[1]),
              let step = DecimalText.number(parts[2]), start.isFinite, stop.isFinite, step.isFinite else {
            throw PlanError("--vary \(option): a range is start:stop:step with three decimal numbers")
        }
        guard step > 0 else { throw PlanError("--vary \(option): the step must be > 0") }
        guard start <= stop else { throw PlanError("--vary \(option): empty range (start > stop)") }
        let exactCount = ((stop - start) / step * (1 + 1e-12)).rounded(.down) + 1
        guard exactCount <= Double(maximumValues) else {
            let shown = exactCount < 1e15 ? String(Int(exactCount)) : String(format: "%g", exactCount)
            throw PlanError("--vary \(option): \(shown) values is too many (at most \(maximumValues); use a larger step)")
        }
        let count = Int(exactCount)
        let values: [String]
        if let first = Int(parts[0]), let increment = Int(parts[2]) {
            var integers: [String] = []
            for index in 0..<count {
                let (offset, overflowed) = increment.multipliedReportingOverflow(by: index)
                let (value, overflowedAgain) = first.addingReportingOverflow(offset)
                guard !overflowed, !overflowedAgain else {
                    throw PlanError("--vary \(option): the values leave the range of integers")
                }
                integers.append(String(value))
            }
            values = integers
        } else {
            values = (0..<count).map { format(start + Double($0) * step) }
        }
        guard Set(values).count == values.count else {
            throw PlanError("--vary \(option): the step is too small (values repeat at 12 significant digits)")
        }
        return values
    }

    /// The most values one range may give.
    static let maximumValues = 100_000

    /// A number with at most 12 significant digits, without float noise.
    static func format(_ value: Double) -> String {
        let rounded = Double(String(format: "%.12g", value)) ?? value
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(format: "%.1f", rounded) }
        return "\(rounded)"
    }

    /// Splits at commas outside brackets, braces and quotes (so a value may be
    /// a YAML flow list or mapping).
    static func splitTopLevel(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        var quote: Character?
        for character in text {
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "[" || character == "{" {
                depth += 1
            } else if character == "]" || character == "}" {
                depth -= 1
            } else if character == ",", depth == 0 {
                parts.append(current)
                current = ""
                continue
            }
            current.append(character)
        }
        parts.append(current)
        return parts
    }
}
