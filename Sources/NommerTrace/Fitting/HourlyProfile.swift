import CGSL
import Foundation
import NommerConfig
import NommerCore

/// Arrivals by hour of day, tested against a flat profile.
///
/// The rule: the trace must span at least 24 hours and expect at least 5
/// arrivals in every hour of the day under a flat rate (the chi-square
/// approximation's usual condition); then the counts are tested against
/// counts proportional to the time the trace spends in each hour of day
/// (Pearson's chi-square, 23 degrees of freedom, p from gsl_cdf_chisq_Q).
/// p < ``significance`` (0.01) means the profile is not flat, and the fitted
/// scenario gets a daily rate: the sinusoidal `diurnal` fit if it passes the
/// same test against the counts it predicts (21 degrees of freedom: the
/// sinusoid's amplitude and peak are fitted, its mean is the total's), and
/// otherwise an `hourly` process with the 24 observed rates (a profile with
/// two peaks, say, which one sinusoid cannot follow).
public struct HourlyProfile: Sendable {
    /// The p-value below which the profile is taken as not flat.
    public static let significance = 0.01

    /// Arrivals in each hour of day (UTC for timestamped traces), 0 to 23.
    public var counts: [Int]
    /// Seconds of the trace's span in each hour of day.
    public var exposureSeconds: [Double]
    /// Pearson's chi-square statistic against a flat rate; nil if not tested.
    public var chiSquare: Double?
    /// Its p-value; nil if not tested.
    public var pValue: Double?
    /// Why the profile was not tested, if it was not.
    public var untestedReason: String?
    /// Pearson's chi-square statistic of the counts against those the
    /// ``diurnalFit`` sinusoid predicts; nil if the profile was not tested.
    public var sinusoidChiSquare: Double?
    /// Its p-value (21 degrees of freedom); nil if not tested.
    public var sinusoidPValue: Double?

    /// The profile of arrivals at `times` (seconds from the trace's start,
    /// whose second 0 is `startSecondOfDay` seconds after midnight), over
    /// the span from 0 to `spanSeconds`.
    public init(times: [Seconds], startSecondOfDay: Seconds, spanSeconds: Seconds) {
        counts = Array(repeating: 0, count: 24)
        for time in times {
            let second = (startSecondOfDay + time).truncatingRemainder(dividingBy: 86_400)
            counts[min(23, max(0, Int(second / 3600)))] += 1
        }
        exposureSeconds = Self.exposure(from: startSecondOfDay, length: spanSeconds)
        let total = Double(times.count)
        let expected = exposureSeconds.map { total * $0 / max(spanSeconds, 1e-9) }
        if spanSeconds < 86_400 {
            untestedReason = String(format: "the trace spans %.1f h, less than 24 h", spanSeconds / 3600)
        } else if let least = expected.min(), least < 5 {
            untestedReason = String(format: "too few arrivals (%.1f expected in the emptiest hour, fewer than 5)", least)
        } else {
            let statistic = zip(counts, expected).reduce(0.0) { sum, pair in
                let difference = Double(pair.0) - pair.1
                return sum + difference * difference / pair.1
            }
            chiSquare = statistic
            pValue = gsl_cdf_chisq_Q(statistic, 23)
            let sinusoid = Self.pearson(counts, expected: sinusoidExpectedCounts)
            sinusoidChiSquare = sinusoid
            sinusoidPValue = gsl_cdf_chisq_Q(sinusoid, 21)
        }
    }

    /// Pearson's statistic; an expected count of 0 against observed arrivals
    /// counts as an infinitely bad fit.
    static func pearson(_ counts: [Int], expected: [Double]) -> Double {
        zip(counts, expected).reduce(0.0) { sum, pair in
            let difference = Double(pair.0) - pair.1
            if pair.1 <= 0 { return difference == 0 ? sum : .infinity }
            return sum + difference * difference / pair.1
        }
    }

    /// Arrivals the ``diurnalFit`` sinusoid expects in each hour of day over
    /// the trace's exposure (its rate averaged over the hour).
    var sinusoidExpectedCounts: [Double] {
        guard case let .diurnal(mean, amplitude, peak) = diurnalFit else { return exposureSeconds.map { _ in 0 } }
        return exposureSeconds.enumerated().map { hour, seconds in
            let phase = 2 * Double.pi * (Double(hour) + 0.5 - peak) / 24
            return seconds / 3600 * mean * (1 + amplitude * Self.hourAveraging * cos(phase))
        }
    }

    /// Whether the sinusoid fits the hourly counts (p >= ``significance``);
    /// true when the profile was not tested.
    public var sinusoidFits: Bool { (sinusoidPValue ?? 1) >= Self.significance }

    /// The process a fitted scenario gets for a profile that is not flat: the
    /// sinusoid if it fits, otherwise the 24 observed rates.
    public var dailyFit: ArrivalSpec { sinusoidFits ? diurnalFit : .hourly(ratesPerHour: ratesPerHour) }

    /// How much averaging over an hour shrinks a daily sinusoid's first
    /// harmonic: sin(pi/24) / (pi/24).
    static let hourAveraging = sin(Double.pi / 24) / (Double.pi / 24)

    /// Whether the test found an hourly profile (p < significance).
    public var isDiurnal: Bool { (pValue ?? 1) < Self.significance }

    /// Arrival rate in each hour of day, in jobs per hour.
    public var ratesPerHour: [Double] {
        zip(counts, exposureSeconds).map { $1 > 0 ? Double($0) / ($1 / 3600) : 0 }
    }

    /// The sinusoidal ``ArrivalSpec/diurnal(meanRatePerHour:amplitude:peakHour:)``
    /// closest to the hourly rates: the first harmonic of the 24 rates
    /// (least squares on hour midpoints), its amplitude corrected for
    /// averaging over each hour (divided by sin(pi/24)/(pi/24)) and capped at 1.
    public var diurnalFit: ArrivalSpec {
        let rates = ratesPerHour
        let mean = rates.reduce(0, +) / 24
        var a = 0.0, b = 0.0
        for (hour, rate) in rates.enumerated() {
            let angle = 2 * Double.pi * (Double(hour) + 0.5) / 24
            a += rate * cos(angle) / 12
            b += rate * sin(angle) / 12
        }
        let amplitude = mean > 0 ? min(1, (a * a + b * b).squareRoot() / Self.hourAveraging / mean) : 0
        var peak = atan2(b, a) * 24 / (2 * Double.pi)
        if peak < 0 { peak += 24 }
        if peak >= 24 { peak -= 24 }
        return .diurnal(meanRatePerHour: mean, amplitude: amplitude, peakHour: peak)
    }

    /// Seconds of [start, start + length) (seconds after a midnight) in each hour of day.
    static func exposure(from start: Seconds, length: Seconds) -> [Double] {
        var exposure = Array(repeating: 0.0, count: 24)
        let wholeDays = (length / 86_400).rounded(.down)
        for hour in 0..<24 { exposure[hour] = wholeDays * 3600 }
        var time = start.truncatingRemainder(dividingBy: 86_400)
        var left = length - wholeDays * 86_400
        while left > 0 {
            let hour = min(23, Int(time / 3600))
            let step = min(left, Double(hour + 1) * 3600 - time)
            exposure[hour] += step
            left -= step
            time += step
            if time >= 86_400 { time -= 86_400 }
            if step <= 0 { break }
        }
        return exposure
    }
}
