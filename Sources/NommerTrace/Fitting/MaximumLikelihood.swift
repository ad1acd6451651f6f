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
            var k = (3 - s + ((s - 3) * (s - 3) + 24 * s).squareRoot()) / (12 * s)
            for _ in 0..<100 {
                let f = log(k) - gsl_sf_psi(k) - s
                let derivative = 1 / k - gsl_sf_psi_1(k)
                var next = k - f / derivative
                if !(next > 0) { next = k / 2 }
                let done = abs(next - k) <= 1e-12 * k
                k = next
                if done { break }
            }
            guard k.isFinite, k > 0 else { return nil }
            return .gamma(shape: k, scale: mean / k)
        case .weibull:
            guard varianceLog > 0 else { return nil }
            let scaled = sample.map { $0 / mean }
            let scaledLogs = scaled.map { log($0) }
            let meanScaledLog = meanLog - log(mean)
            var k = Double.pi / (6 * varianceLog).squareRoot()
            for _ in 0..<100 {
                var s0 = 0.0, s1 = 0.0, s2 = 0.0
                for (y, ly) in zip(scaled, scaledLogs) {
                    let p = pow(y, k)
                    s0 += p
                    s1 += p * ly
                    s2 += p * ly * ly
                }
                let ratio = s1 / s0
                let g = ratio - 1 / k - meanScaledLog
                let derivative = s2 / s0 - ratio * ratio + 1 / (k * k)
                var next = k - g / derivative
                if !(next > 0) { next = k / 2 }
                let done = abs(next - k) <= 1e-12 * k
                k = next
                if done { break }
            }
            guard k.isFinite, k > 0 else { return nil }
            let meanPower = scaled.reduce(0) { $0 + pow($1, k) } / n
            return .weibull(shape: k, scale: mean * pow(meanPower, 1 / k))
        }
    }
}
