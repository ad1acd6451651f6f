import Foundation
import NommerConfig
import NommerCore

/// Reads CSV and JSON-lines traces (`docs/traces.md`).
///
/// A bad line is an error naming the file and line; with `skipBad` it is
/// left out and listed in ``Trace/skipped`` instead. A file that cannot be
/// read, a bad CSV header, or a trace without a single good line is always
/// an error.
public enum TraceReader {
    public enum Format: String, Sendable, CaseIterable {
        case csv
        case jsonLines = "jsonl"
    }

    /// Reads the trace at `path`; the format comes from the extension
    /// (`.csv`; `.jsonl`, `.ndjson`, `.json`) or else from the first line
    /// (`{` starts JSON lines).
    public static func read(path: String, skipBad: Bool = false) throws(TraceError) -> Trace {
        let text: String
        do {
            text = try TextFile.read(path)
        } catch {
            throw TraceError(file: path, problem: "cannot read the trace", detail: error.reason)
        }
        return try parse(text, file: path, format: format(ofPath: path), skipBad: skipBad)
    }

    /// The format an extension names, if it names one.
    static func format(ofPath path: String) -> Format? {
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "csv": return .csv
        case "jsonl", "ndjson", "json": return .jsonLines
        default: return nil
        }
    }

    /// Parses trace text; `file` names it in errors. Blank lines and lines
    /// starting with `#` are skipped.
    public static func parse(_ text: String, file: String, format: Format? = nil,
                             skipBad: Bool = false) throws(TraceError) -> Trace {
        var lines: [(number: Int, text: Substring)] = []
        for (index, line) in Self.lines(text).enumerated() {
            let trimmed = line.drop { $0.isWhitespace }
            if trimmed.isEmpty || trimmed.first == "#" { continue }
            lines.append((index + 1, line))
        }
        guard let first = lines.first else { throw TraceError(file: file, problem: "the trace has no jobs") }
        let chosen = format ?? (first.text.drop { $0.isWhitespace }.first == "{" ? .jsonLines : .csv)
        var parser = LineParser(file: file)
        switch chosen {
        case .csv:
            try parser.readHeader(first.text, line: first.number)
            for line in lines.dropFirst() { try parser.add(csv: line.text, line: line.number, skipBad: skipBad) }
        case .jsonLines:
            for line in lines { try parser.add(json: line.text, line: line.number, skipBad: skipBad) }
        }
        return try parser.trace()
    }

    /// The lines of `text`: split at each LF byte, one CR before it dropped,
    /// so LF, CRLF and a mix of both end lines alike. Split on bytes, not
    /// Characters: CR LF is one Character (grapheme) in Swift, which a split
    /// on the Character LF would not break. A CR anywhere else (inside a
    /// quoted CSV field, say) is not a line break and stays.
    static func lines(_ text: String) -> [Substring] {
        let lineFeed = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
        return text.utf8.split(separator: lineFeed, omittingEmptySubsequences: false).map { bytes in
            let line = bytes.last == carriageReturn ? bytes.dropLast() : bytes
            return Substring(String(decoding: line, as: UTF8.self))
        }
    }
}
