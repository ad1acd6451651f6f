/// The number forms a scenario accepts: decimal only, as docs/scenarios.md
/// says ("an integer or a decimal"). YAML 1.1 also reads `1:30` as 90
/// (base 60), `0x10` and `010` as 16 and 8, and `1_000` as 1000; a
/// mistyped range or time would silently become such a number, so these
/// forms are refused, in files, `--set` and `--vary` alike.
public enum DecimalText {
    /// True for an optional sign, digits without a leading zero (`0`, `12`),
    /// an optional fraction (`0.5`, `.5`, `5.`) and an optional exponent
    /// (`1e3`, `2.5E-4`).
    public static func isDecimal(_ text: String) -> Bool {
        var rest = Substring(text)
        if rest.first == "+" || rest.first == "-" { rest = rest.dropFirst() }
        let integral = rest.prefix(while: isDigit)
        rest = rest.dropFirst(integral.count)
        if integral.count > 1 && integral.first == "0" { return false }
        var fraction = 0
        if rest.first == "." {
            rest = rest.dropFirst()
            fraction = rest.prefix(while: isDigit).count
            rest = rest.dropFirst(fraction)
        }
        guard !integral.isEmpty || fraction > 0 else { return false }
        if rest.first == "e" || rest.first == "E" {
            rest = rest.dropFirst()
            if rest.first == "+" || rest.first == "-" { rest = rest.dropFirst() }
            let exponent = rest.prefix(while: isDigit)
            guard !exponent.isEmpty else { return false }
            rest = rest.dropFirst(exponent.count)
        }
        return rest.isEmpty
    }

    /// True for an optional sign and digits without a leading zero.
    public static func isDecimalInteger(_ text: String) -> Bool {
        var rest = Substring(text)
        if rest.first == "+" || rest.first == "-" { rest = rest.dropFirst() }
        guard !rest.isEmpty, rest.allSatisfy(isDigit) else { return false }
        return rest.count == 1 || rest.first != "0"
    }

    /// The value of decimal text; nil for any other form (hex, `inf`, `nan`,
    /// base 60, ...). Out-of-range text gives an infinity.
    public static func number(_ text: String) -> Double? {
        guard isDecimal(text) else { return nil }
        return Double(text.first == "+" ? String(text.dropFirst()) : text)
    }

    private static func isDigit(_ character: Character) -> Bool {
        character >= "0" && character <= "9"
    }
}
