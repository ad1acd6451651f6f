/// Splits one CSV line into fields: commas separate, a field may be quoted
/// with `"` and a quote inside one is doubled (RFC 4180), spaces around a
/// field are trimmed. A record is one physical line (no line breaks inside
/// quotes), which keeps line numbers exact.
///
/// Hand-written rather than SwiftCSV 0.10.0 or CSV.swift 2.5.2 from the
/// mirror: both parse a whole file into rows without telling which line a
/// row came from, and stop at the first malformed row, while a trace must
/// name the line of every bad record and, with --skip-bad, go on after it.
enum CSVLine {
    /// The fields of `line`, or nil if a quoted field is not closed.
    static func fields(_ line: Substring) -> [String]? {
        var fields: [String] = []
        var field = ""
        var quoted = false
        var wasQuoted = false
        var characters = line.makeIterator()
        var pending: Character? = nil
        while let character = pending ?? characters.next() {
            pending = nil
            if quoted {
                if character == "\"" {
                    let next = characters.next()
                    if next == "\"" {
                        field.append("\"")
                    } else {
                        quoted = false
                        pending = next
                    }
                } else {
                    field.append(character)
                }
            } else if character == "," {
                fields.append(wasQuoted ? field : field.trimmingSpaces())
                field = ""
                wasQuoted = false
            } else if character == "\"" && field.allSatisfy(\.isWhitespace) {
                quoted = true
                wasQuoted = true
                field = ""
            } else {
                field.append(character)
            }
        }
        if quoted { return nil }
        fields.append(wasQuoted ? field : field.trimmingSpaces())
        return fields
    }
}

extension String {
    func trimmingSpaces() -> String {
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return String(slice)
    }
}
