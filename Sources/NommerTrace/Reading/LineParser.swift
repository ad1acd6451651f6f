import Foundation
import NommerCore

/// Turns the lines of one trace into records, line by line, keeping what
/// was skipped. Submission times are kept raw (seconds, or seconds since
/// 1970 for timestamps) until every line is read, then moved to the
/// trace's start.
struct LineParser {
    enum TimeKind: Equatable {
        case seconds
        case timestamp

        var column: String { self == .seconds ? TraceColumns.submitSeconds : TraceColumns.submittedAt }
    }

    /// One field as found: text (CSV, or a JSON string) or a JSON number.
    enum Value {
        case text(String)
        case number(Double)

        var display: String {
            switch self {
            case let .text(text): return "'\(text)'"
            case let .number(number): return "\(number)"
            }
        }
    }

    let file: String
    var header: [String] = []
    var timeKind: TimeKind?
    var records: [TraceRecord] = []
    var skipped: [TraceError] = []
    var ignored: Set<String> = []
    private let timestamps = TimestampParser()
    private let jsonDecoder = JSONDecoder()

    init(file: String) { self.file = file }

    // MARK: - CSV

    mutating func readHeader(_ text: Substring, line: Int) throws(TraceError) {
        guard let names = CSVLine.fields(text) else {
            throw TraceError(file: file, line: line, problem: "unterminated quoted field in the header")
        }
        var seen = Set<String>()
        for name in names {
            if !seen.insert(name).inserted {
                throw TraceError(file: file, line: line, problem: "column named twice in the header", detail: name)
            }
            if !TraceColumns.all.contains(name) { ignored.insert(name) }
        }
        let hasSeconds = seen.contains(TraceColumns.submitSeconds), hasStamp = seen.contains(TraceColumns.submittedAt)
        if hasSeconds == hasStamp {
            throw TraceError(file: file, line: line,
                             problem: hasSeconds ? "the header has both submit_seconds and submitted_at"
                                                 : "the header has neither submit_seconds nor submitted_at",
                             detail: "header is '\(text)'")
        }
        timeKind = hasSeconds ? .seconds : .timestamp
        header = names
    }

    mutating func add(csv text: Substring, line: Int, skipBad: Bool) throws(TraceError) {
        do throws(TraceError) {
            guard let cells = CSVLine.fields(text) else { throw problem(line, "unterminated quoted field") }
            guard cells.count == header.count else {
                throw problem(line, "wrong number of fields", "expected \(header.count), got \(cells.count)")
            }
            var values: [String: Value] = [:]
            for (name, cell) in zip(header, cells) where !cell.isEmpty { values[name] = .text(cell) }
            records.append(try record(values, line: line))
        } catch {
            guard skipBad else { throw error }
            skipped.append(error)
        }
    }

    // MARK: - JSON lines

    mutating func add(json text: Substring, line: Int, skipBad: Bool) throws(TraceError) {
        do throws(TraceError) {
            let object: [String: JSONField]
            do {
                object = try jsonDecoder.decode([String: JSONField].self, from: Data(text.utf8))
            } catch DecodingError.typeMismatch {
                throw problem(line, "not a JSON object")
            } catch {
                throw problem(line, "not valid JSON")
            }
            // JSONDecoder keeps one of a key's values silently: which one the line meant is unknown.
            if let key = JSONKeys.duplicate(in: text) { throw problem(line, "key named twice in the JSON object", "'\(key)'") }
            var values: [String: Value] = [:]
            for (key, value) in object {
                if !TraceColumns.all.contains(key) { ignored.insert(key); continue }
                switch value {
                case .null: continue
                case let .text(string): values[key] = .text(string)
                case let .number(number): values[key] = .number(number)
                case .other: throw problem(line, "\(key) is not a string or a number")
                }
            }
            let hasSeconds = values[TraceColumns.submitSeconds] != nil, hasStamp = values[TraceColumns.submittedAt] != nil
            if hasSeconds && hasStamp { throw problem(line, "both submit_seconds and submitted_at") }
            if hasSeconds || hasStamp {
                let kind: TimeKind = hasSeconds ? .seconds : .timestamp
                if let timeKind, timeKind != kind {
                    throw problem(line, "\(kind.column) in a trace whose first job has \(timeKind.column)")
                }
                timeKind = kind
            }
            records.append(try record(values, line: line))
        } catch {
            guard skipBad else { throw error }
            skipped.append(error)
        }
    }

    // MARK: - Fields

    private func record(_ values: [String: Value], line: Int) throws(TraceError) -> TraceRecord {
        let kind = timeKind ?? .seconds
        guard let time = values[kind.column] else { throw problem(line, "no \(kind.column)") }
        let submitted: Double
        switch kind {
        case .seconds:
            submitted = try nonNegative(time, TraceColumns.submitSeconds, line)
            // A replay simulates every second up to the last submission: a
            // time in milliseconds, or from 1970, would run for days.
            guard submitted <= Self.maximumSubmitSeconds else {
                throw problem(line, "submit_seconds is over 100 years (\(Int(Self.maximumSubmitSeconds)) s); seconds from the trace's start are expected (for dates use submitted_at)",
                              time.display)
            }
        case .timestamp:
            guard case let .text(text) = time, let date = timestamps.date(text) else {
                throw problem(line, "submitted_at is not an ISO 8601 timestamp with a time zone", time.display)
            }
            // The formatter rolls 2024-02-30 over to March 1: refuse a date or time that does not exist.
            guard TimestampParser.fieldsExist(text) else {
                throw problem(line, "submitted_at is a date or time that does not exist", time.display)
            }
            submitted = date.timeIntervalSince1970
        }
        var record = TraceRecord(line: line, submittedAt: submitted)
        if let value = values[TraceColumns.encodeSeconds] {
            record.encodeSeconds = try nonNegative(value, TraceColumns.encodeSeconds, line)
        }
        if let value = values[TraceColumns.downloadSeconds] {
            record.downloadSeconds = try nonNegative(value, TraceColumns.downloadSeconds, line)
        }
        if let value = values[TraceColumns.uploadSeconds] {
            record.uploadSeconds = try nonNegative(value, TraceColumns.uploadSeconds, line)
        }
        if let value = values[TraceColumns.outcome] {
            guard case let .text(text) = value, let outcome = TraceOutcome(rawValue: text.lowercased()) else {
                throw problem(line, "outcome is not finished or error", value.display)
            }
            record.outcome = outcome
        }
        if let value = values[TraceColumns.jobID] {
            switch value {
            case let .text(text): record.jobID = text
            case let .number(number): record.jobID = number.rounded() == number ? "\(Int64(number))" : "\(number)"
            }
        }
        return record
    }

    /// The largest `submit_seconds` read: 100 years, in seconds.
    static let maximumSubmitSeconds: Double = 100 * 365.25 * 86_400

    private func nonNegative(_ value: Value, _ column: String, _ line: Int) throws(TraceError) -> Double {
        let number: Double?
        switch value {
        case let .number(value): number = value
        case let .text(text): number = Double(text)
        }
        guard let number, number.isFinite, number >= 0 else {
            throw problem(line, "\(column) is not a number >= 0", value.display)
        }
        return number
    }

    private func problem(_ line: Int, _ text: String, _ detail: String? = nil) -> TraceError {
        TraceError(file: file, line: line, problem: text, detail: detail)
    }

    // MARK: - The result

    /// The trace, its times moved so the earliest timestamp is second 0.
    func trace() throws(TraceError) -> Trace {
        guard !records.isEmpty else {
            let reason = skipped.isEmpty ? nil : "all \(skipped.count) lines were bad"
            throw TraceError(file: file, problem: "the trace has no jobs", detail: reason)
        }
        var shifted = records
        var startSecondOfDay: Double = 0
        if timeKind == .timestamp, let earliest = records.map(\.submittedAt).min() {
            for index in shifted.indices { shifted[index].submittedAt -= earliest }
            if let late = shifted.first(where: { $0.submittedAt > Self.maximumSubmitSeconds }) {
                throw problem(late.line, "submitted_at is over 100 years after the earliest one; a replay would run that long")
            }
            startSecondOfDay = earliest - (earliest / 86_400).rounded(.down) * 86_400
        }
        return Trace(file: file, records: shifted, startSecondOfDay: startSecondOfDay, skipped: skipped,
                     ignoredFields: ignored.sorted())
    }
}

/// ISO 8601 timestamps with a time zone, with or without fractional seconds.
struct TimestampParser: @unchecked Sendable {
    // ISO8601DateFormatter is thread-safe for parsing once configured.
    private let plain: ISO8601DateFormatter
    private let fractional: ISO8601DateFormatter

    init() {
        plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    }

    func date(_ text: String) -> Date? {
        if let date = plain.date(from: text) ?? fractional.date(from: text) { return date }
        // A leap second (second 60), which the formatter refuses: read as
        // second 59 plus one, the next minute's second 0, as POSIX time counts it.
        var bytes = Array(text.utf8)
        guard bytes.count > 19, bytes[16] == UInt8(ascii: ":"), bytes[17] == UInt8(ascii: "6"), bytes[18] == UInt8(ascii: "0")
        else { return nil }
        bytes[17] = UInt8(ascii: "5")
        bytes[18] = UInt8(ascii: "9")
        let text = String(decoding: bytes, as: UTF8.self)
        return (plain.date(from: text) ?? fractional.date(from: text)).map { $0.addingTimeInterval(1) }
    }

    /// Whether the date and time written at the start of `text`
    /// (`YYYY-MM-DDTHH:MM:SS`) exist: a month 1 to 12, a day that month has
    /// (February 29 in leap years only), an hour 0 to 23, a minute 0 to 59,
    /// a second 0 to 60 (a leap second). ISO8601DateFormatter does not check
    /// this: it reads 2024-02-30 as March 1. Text not laid out so is left to
    /// the formatter (true).
    static func fieldsExist(_ text: String) -> Bool {
        let bytes = Array(text.utf8.prefix(19))
        guard bytes.count == 19 else { return true }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19) else { return true }
        guard (1...12).contains(month), hour < 24, minute < 60, second <= 60 else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return (1...days).contains(day)
    }
}

/// The keys of a JSON-lines trace's objects.
enum JSONKeys {
    /// The first key the outermost object of `text` (valid JSON) names twice,
    /// if any. Keys are compared after unescaping (`"a\u0062"` is `"ab"`).
    static func duplicate(in text: Substring) -> String? {
        let bytes = Array(text.utf8)
        let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
        var seen = Set<String>()
        var depth = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
                depth += 1
            } else if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
                depth -= 1
            } else if byte == quote {
                let start = index
                index += 1
                while index < bytes.count, bytes[index] != quote {
                    index += bytes[index] == backslash ? 2 : 1
                }
                let end = min(index + 1, bytes.count)
                // A string in the outermost object followed by ':' is a key.
                var next = end
                while next < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[next]) { next += 1 }
                if depth == 1, next < bytes.count, bytes[next] == UInt8(ascii: ":") {
                    let key = unescaped(Array(bytes[start..<end]))
                    if !seen.insert(key).inserted { return key }
                }
            }
            index += 1
        }
        return nil
    }

    /// The text of a JSON string literal (with its quotes).
    private static func unescaped(_ literal: [UInt8]) -> String {
        let inner = String(decoding: literal.dropFirst().dropLast(), as: UTF8.self)
        guard literal.contains(UInt8(ascii: "\\")),
              let decoded = try? JSONDecoder().decode([String].self, from: Data(("[" + String(decoding: literal, as: UTF8.self) + "]").utf8)).first
        else { return inner }
        return decoded
    }
}

/// One value of a JSON-lines trace, whatever its type.
enum JSONField: Decodable {
    case null
    case number(Double)
    case text(String)
    /// A boolean, list or object: no trace field takes one.
    case other

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if (try? container.decode(Bool.self)) != nil {
            self = .other
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let text = try? container.decode(String.self) {
            self = .text(text)
        } else {
            self = .other
        }
    }
}
