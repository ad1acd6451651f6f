/// A range a number must lie in, with the words an error message uses.
struct Requirement: Sendable {
    /// Reads after "must be", e.g. "> 0".
    let text: String
    let test: @Sendable (Double) -> Bool

    static let positive = Requirement(text: "> 0") { $0 > 0 }
    static let nonNegative = Requirement(text: ">= 0") { $0 >= 0 }
    static let probability = Requirement(text: "in [0, 1]") { $0 >= 0 && $0 <= 1 }
    static let hourOfDay = Requirement(text: "in [0, 24)") { $0 >= 0 && $0 < 24 }
    /// How often a timer fires, in seconds: at least 1 ms, because a timer
    /// due again at (almost) the time it fired would hold the clock still
    /// (1e-300 s after a time is that same time in floating point).
    static let timerInterval = Requirement(text: ">= 0.001 (1 ms)") { $0 >= 0.001 }
    /// A timer interval where 0 switches the timer off.
    static let timerIntervalOrOff = Requirement(text: "0 (off) or >= 0.001 (1 ms)") { $0 == 0 || $0 >= 0.001 }
    /// Simulated hours: at most 1000 years (8,766,000 h), past which a run
    /// would go on for hours of processor time.
    static let simulatedHours = Requirement(text: "in (0, 8766000] (1000 years)") {
        $0 > 0 && $0 <= Scenario.maximumSimulatedHours
    }
    /// Hours of draining after the last arrival: 0 to 1000 years.
    static let drainHours = Requirement(text: "in [0, 8766000] (1000 years)") {
        $0 >= 0 && $0 <= Scenario.maximumSimulatedHours
    }
    static func atLeast(_ minimum: Int) -> Requirement {
        Requirement(text: ">= \(minimum)") { $0 >= Double(minimum) }
    }
    static func inHalfOpen(_ low: Double, _ high: Double, _ text: String) -> Requirement {
        Requirement(text: "in (\(text)]") { $0 > low && $0 <= high }
    }
}
