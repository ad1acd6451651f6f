/// Builds SimpleDB Select expressions with correct quoting: the domain in
/// backticks (a backtick doubled), values in single quotes (a quote doubled).
public enum SimpleDBSelect {
    public static func quoteName(_ name: String) -> String {
        "`" + name.replacingOccurrences(of: "`", with: "``") + "`"
    }

    public static func quoteValue(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// `select * from `domain` where `attribute` in ('a', 'b')`.
    public static func all(from domain: String, where attribute: String, in values: [String]) -> String {
        "select * from \(quoteName(domain)) where \(quoteName(attribute)) in ("
            + values.map(quoteValue).joined(separator: ", ") + ")"
    }
}
