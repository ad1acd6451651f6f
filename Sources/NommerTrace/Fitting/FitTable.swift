import Foundation

extension SampleFit {
    /// The goodness-of-fit table: one row per family, the chosen one marked.
    public func table(title: String) -> String {
        var lines = ["\(title): \(count) values" + (zerosLeftOut > 0 ? " (\(zerosLeftOut) zeros left out)" : "")]
        lines.append("  family       parameters                           log-lik          AIC   KS dist")
        let chosenFamily = chosen?.family
        for fitted in families {
            let mark = fitted.family == chosenFamily ? "  <- chosen" : ""
            guard let distribution = fitted.distribution else {
                let why = fitted.skippedBecause.map { "(skipped, a degenerate fit: \($0))" } ?? "(cannot be fitted to this sample)"
                lines.append("  " + pad(fitted.family.rawValue, 12) + " " + why)
                continue
            }
            lines.append("  " + pad(fitted.family.rawValue, 12) + " " + pad(distribution.parameterText, 32)
                         + String(format: " %12.2f %12.2f %9.4f", fitted.logLikelihood, fitted.aic, fitted.ksDistance)
                         + mark)
        }
        lines.append("  chosen by \(criterion == .aic ? "lowest AIC" : "lowest KS distance"): \(chosenFamily?.rawValue ?? "none")")
        return lines.joined(separator: "\n")
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}

extension HourlyProfile {
    /// One line: the test's outcome and, if diurnal, the fitted rate.
    public var summary: String {
        guard let chiSquare, let pValue else {
            return "hourly profile: not tested (\(untestedReason ?? "")); arrivals fitted as a stationary process"
        }
        var text = String(format: "hourly profile: chi-square %.1f on 23 df against a flat rate, p = %.3g", chiSquare, pValue)
        if isDiurnal, case let .diurnal(mean, amplitude, peak) = diurnalFit {
            let sinusoid = String(format: "chi-square %.1f on 21 df, p = %.3g", sinusoidChiSquare ?? 0, sinusoidPValue ?? 1)
            if sinusoidFits {
                text += String(format: " < %.2g: diurnal, mean %.2f jobs/h, amplitude %.3f, peak at %.2f h",
                               Self.significance, mean, amplitude, peak)
                text += " (the sinusoid fits the hourly counts: \(sinusoid))"
            } else {
                text += String(format: " < %.2g: not flat; the closest sinusoid (mean %.2f jobs/h, amplitude %.3f, peak at %.2f h)",
                               Self.significance, mean, amplitude, peak)
                text += " does not fit the hourly counts (\(sinusoid)): hourly rates "
                text += ratesPerHour.map { String(format: "%.1f", $0) }.joined(separator: " ")
            }
        } else {
            text += String(format: " >= %.2g: flat", Self.significance)
        }
        return text
    }
}
