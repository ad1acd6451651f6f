import CGSL
import Foundation
import NommerConfig

/// A family of duration distributions `nommer-sim fit` tries.
public enum DistributionFamily: String, Sendable, CaseIterable {
    case exponential, lognormal, gamma, weibull

    /// Free parameters (for AIC).
    public var parameterCount: Int { self == .exponential ? 1 : 2 }
}

extension DistributionSpec {
    /// The natural log of the density at `x` (seconds, > 0), written out
    /// rather than log(gsl_ran_*_pdf) so that a far tail does not underflow
    /// to log(0); the tests check it against GSL's densities.
    func logDensity(_ x: Double) -> Double {
        switch self {
        case let .constant(value):
            return x == value ? 0 : -.infinity
        case let .exponential(mean):
            return -log(mean) - x / mean
        case let .lognormal(median, sigma):
            let z = (log(x) - log(median)) / sigma
            return -log(x) - log(sigma) - 0.5 * log(2 * Double.pi) - 0.5 * z * z
        case let .gamma(shape, scale):
            return (shape - 1) * log(x) - x / scale - gsl_sf_lngamma(shape) - shape * log(scale)
        case let .weibull(shape, scale):
            return log(shape) - log(scale) + (shape - 1) * log(x / scale) - pow(x / scale, shape)
        }
    }

    /// P(X <= x), through GSL's cumulative distribution functions.
    func cumulative(_ x: Double) -> Double {
        switch self {
        case let .constant(value): return x >= value ? 1 : 0
        case let .exponential(mean): return gsl_cdf_exponential_P(x, mean)
        case let .lognormal(median, sigma): return gsl_cdf_lognormal_P(x, log(median), sigma)
        case let .gamma(shape, scale): return gsl_cdf_gamma_P(x, shape, scale)
        case let .weibull(shape, scale): return gsl_cdf_weibull_P(x, scale, shape)
        }
    }

    /// The parameters by name, in the order tables print them.
    var parameters: [(name: String, value: Double)] {
        switch self {
        case let .constant(value): return [("value", value)]
        case let .exponential(mean): return [("mean", mean)]
        case let .lognormal(median, sigma): return [("median", median), ("sigma", sigma)]
        case let .gamma(shape, scale), let .weibull(shape, scale): return [("shape", shape), ("scale", scale)]
        }
    }

    /// Parameters as `name value` pairs, for tables.
    var parameterText: String {
        func number(_ value: Double) -> String { String(format: "%.4g", value) }
        switch self {
        case let .constant(value): return "value \(number(value))"
        case let .exponential(mean): return "mean \(number(mean))"
        case let .lognormal(median, sigma): return "median \(number(median)), sigma \(number(sigma))"
        case let .gamma(shape, scale): return "shape \(number(shape)), scale \(number(scale))"
        case let .weibull(shape, scale): return "shape \(number(shape)), scale \(number(scale))"
        }
    }
}
