import CGSL
import Foundation
import NommerConfig

/// Maximum-likelihood estimates of each ``DistributionFamily`` from a sample
/// of positive durations, in seconds.
///
/// Exponential and lognormal have closed forms. Gamma's shape k solves
/// ln k - psi(k) = ln(mean) - mean(ln x) by Newton's method (psi, psi' from
/// GSL), started at Minka's approximation; scale = mean / k. Weibull's shape
/// k solves sum(x^k ln x) / sum(x^k) - 1/k = mean(ln x) by Newton's method
/// on x / mean (to keep x^k finite), started at pi / (sqrt 6 sd(ln x));
/// scale = (mean(x^k))^(1/k).
public enum MaximumLikelihood {
    /// The fitted distribution, or nil when the sample cannot pin the family
    /// down (fewer than 2 values, a value <= 0, or all values equal).
    public static func fit(_ family: DistributionFamily, _ sample: [Double]) -> DistributionSpec? {
        guard sample.count >= 2, sample.allSatisfy({ $0 > 0 && $0.isFinite }) else { return nil }
        let n = Double(sample.count)
        let mean = sample.reduce(0, +) / n
        let logs = sample.map { log($0) }
        let meanLog = logs.reduce(0, +) / n
        let varianceLog = logs.reduce(0) { $0 + ($1 - meanLog) * ($1 - meanLog) } / n
        switch family {
        case .exponential:
            return .exponential(mean: mean)
        case .lognormal:
            guard varianceLog > 0 else { return nil }
            return .lognormal(median: exp(meanLog), sigma: varianceLog.squareRoot())
        case .gamma:
            let s = log(mean) - meanLog
            guard s > 1e-12 else { return nil }
            let start = (3 - s + ((s - 3) * (s - 3) + 24 * s).squareRoot()) / (12 * s)
            let k = positiveNewton(from: start) { k in
                (log(k) - gsl_sf_psi(k) - s) / (1 / k - gsl_sf_psi_1(k))
            }
            guard k.isFinite, k > 0 else { return nil }
            return .gamma(shape: k, scale: mean / k)
        case .weibull:
            guard varianceLog > 0 else { return nil }
            let scaled = sample.map { $0 / mean }
            let scaledLogs = scaled.map { log($0) }
            let meanScaledLog = meanLog - log(mean)
            let k = positiveNewton(from: Double.pi / (6 * varianceLog).squareRoot()) { k in
                var s0 = 0.0, s1 = 0.0, s2 = 0.0
                for (y, ly) in zip(scaled, scaledLogs) {
                    let p = pow(y, k)
                    s0 += p
                    s1 += p * ly
                    s2 += p * ly * ly
                }
                let ratio = s1 / s0
                return (ratio - 1 / k - meanScaledLog) / (s2 / s0 - ratio * ratio + 1 / (k * k))
            }
            guard k.isFinite, k > 0 else { return nil }
            let meanPower = scaled.reduce(0) { $0 + pow($1, k) } / n
            return .weibull(shape: k, scale: mean * pow(meanPower, 1 / k))
        }
    }

    /// Newton's method for a shape parameter that must stay > 0: `step(k)`
    /// is f(k) / f'(k); a step that would leave (0, inf) halves k instead.
    /// Stops when a step changes k by at most 1e-12 relative, or after 100 steps.
    private static func positiveNewton(from start: Double, _ step: (Double) -> Double) -> Double {
        var k = start
        for _ in 0..<100 {
            var next = k - step(k)
            if !(next > 0) { next = k / 2 }
            let done = abs(next - k) <= 1e-12 * k
            k = next
            if done { break }
        }
        return k
    }
}
