import Foundation
import NommerConfig

/// Writes a fitted workload as a scenario file: the workload section from
/// the fit, everything else the loader's defaults (docs/scenarios.md).
public enum FittedScenarioWriter {
    /// The YAML text; `name` becomes the scenario's name.
    public static func yaml(_ fit: TraceFit, name: String, traceFile: String) -> String {
        var lines: [String] = []
        lines.append("# Fitted by nommer-sim fit from \(traceFile): \(fit.jobs) jobs over \(number(fit.spanSeconds / 3600)) h,")
        lines.append("# families chosen by \(fit.interArrival.criterion.rawValue.uppercased()). Fleet, policy and services are the")
        lines.append("# defaults (docs/scenarios.md): edit them here or with --set.")
        lines.append("name: \(name)")
        lines.append("description: workload fitted from \(traceFile)")
        lines.append("seed: 1")
        lines.append("duration_hours: \(number(max(1, (fit.spanSeconds / 3600).rounded(.up))))")
        lines.append("drain: true")
        lines.append("workload:")
        lines.append("  arrivals:")
        switch fit.arrivals {
        case let .poisson(rate)?:
            lines += ["    process: poisson", "    rate_per_hour: \(number(rate))"]
        case let .diurnal(mean, amplitude, peak)?:
            lines += ["    process: diurnal", "    mean_rate_per_hour: \(number(mean))",
                      "    amplitude: \(number(amplitude))", "    peak_hour: \(number(peak))"]
        case let .hourly(rates)?:
            lines += ["    process: hourly", "    # jobs per hour in each hour of day, from 00:00 (UTC for a timestamped trace)",
                      "    rates_per_hour: [\(rates.map(number).joined(separator: ", "))]"]
        case let .renewal(gap)?:
            lines += ["    process: renewal", "    gap_seconds: \(distribution(gap))"]
        case .bursts?, nil:
            // Too few distinct gaps to fit: a Poisson process at the trace's mean rate.
            let rate = Double(max(1, fit.jobs)) / max(fit.spanSeconds / 3600, 1)
            lines += ["    process: poisson", "    rate_per_hour: \(number(rate))"]
        }
        if let chosen = fit.encode?.chosen?.distribution {
            lines.append("  encode_seconds: \(distribution(chosen))")
        } else {
            lines.append("  # encode_seconds: the default (the trace has no usable encode_seconds)")
        }
        for (key, transfer) in [("download_seconds", fit.download), ("upload_seconds", fit.upload)] {
            guard let transfer else { continue }
            if let chosen = transfer.chosen?.distribution {
                lines.append("  \(key): \(distribution(chosen))")
            } else if transfer.count == 0 {
                lines.append("  \(key): 0 # every \(key) in the trace is 0")
            }
        }
        if let fraction = fit.errorFraction {
            lines.append("  error_probability: \(number(fraction))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func distribution(_ spec: DistributionSpec) -> String {
        switch spec {
        case let .constant(value): return number(value)
        case let .exponential(mean): return "{distribution: exponential, mean: \(number(mean))}"
        case let .lognormal(median, sigma):
            return "{distribution: lognormal, median: \(number(median)), sigma: \(number(sigma))}"
        case let .gamma(shape, scale): return "{distribution: gamma, shape: \(number(shape)), scale: \(number(scale))}"
        case let .weibull(shape, scale):
            return "{distribution: weibull, shape: \(number(shape)), scale: \(number(scale))}"
        }
    }

    /// Seven significant digits (trailing zeros dropped): in plain decimal
    /// notation when the decimal exponent is from -10 to 15 (`119.9123`,
    /// `12345680`, `0.00001234`), otherwise as a mantissa with a point and a
    /// signed exponent (`1.0e+300`, `1.794e-33`), the form YAML 1.1 and 1.2
    /// readers both take for a number (`1e300`, without the point, is a
    /// string to YAML 1.1). Not finite: `0` (fits that are not finite are
    /// never chosen).
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        guard value != 0 else { return "0" }
        // "-d.dddddde+XX": the 7 significant digits and the exponent.
        let scientific = String(format: "%.6e", abs(value))
        let parts = scientific.split(separator: "e")
        guard parts.count == 2, let exponent = Int(parts[1]) else { return scientific }
        var digits = parts[0].filter { $0 != "." }
        while digits.count > 1, digits.hasSuffix("0") { digits.removeLast() }
        let text: String
        if (-10...15).contains(exponent) {
            if exponent >= 0 {
                let whole = exponent + 1
                text = digits.count <= whole
                    ? digits + String(repeating: "0", count: whole - digits.count)
                    : digits.prefix(whole) + "." + digits.dropFirst(whole)
            } else {
                text = "0." + String(repeating: "0", count: -exponent - 1) + digits
            }
        } else {
            let fraction = digits.count > 1 ? String(digits.dropFirst()) : "0"
            text = "\(digits.prefix(1)).\(fraction)e\(exponent < 0 ? "-" : "+")\(String(format: "%02d", abs(exponent)))"
        }
        return (value < 0 ? "-" : "") + text
    }
}
