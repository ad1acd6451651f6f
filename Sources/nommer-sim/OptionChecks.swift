import ArgumentParser

/// Range checks for numeric command-line options, for `validate()`. Numeric
/// options are declared with `@Option(parsing: .unconditional)` so a negative
/// value (`--limit -3`) reaches these checks instead of being read as a flag;
/// a value out of range ends the command with exit code 64 and a message
/// naming the flag and the value.
enum OptionChecks {
    /// `value >= minimum`: "--limit must be >= 1, got -3".
    static func atLeast<T: BinaryInteger>(_ value: T, _ minimum: T, _ flag: String) throws {
        guard value >= minimum else { throw ValidationError("\(flag) must be >= \(minimum), got \(value)") }
    }

    /// A finite number `>= 0`: "--boot-delay-seconds must be a finite number >= 0, got nan".
    static func finiteNonNegative(_ value: Double, _ flag: String) throws {
        guard value.isFinite, value >= 0 else {
            throw ValidationError("\(flag) must be a finite number >= 0, got \(value)")
        }
    }

    /// A finite number `> 0`: "--stall-seconds must be a finite number > 0, got -1.0".
    static func finitePositive(_ value: Double, _ flag: String) throws {
        guard value.isFinite, value > 0 else {
            throw ValidationError("\(flag) must be a finite number > 0, got \(value)")
        }
    }
}
