import Foundation
import NommerCore

/// A probability distribution of a duration, as a scenario file gives it.
/// All parameters are in seconds unless they are shapes (dimensionless).
public enum DistributionSpec: Sendable, Equatable {
    /// Always `value` seconds.
    case constant(value: Seconds)
    /// Exponential with the given mean, in seconds.
    case exponential(mean: Seconds)
    /// Lognormal with the given median (e^mu), in seconds, and sigma (of the log).
    case lognormal(median: Seconds, sigma: Double)
    /// Gamma with shape k and scale theta (seconds); mean k x theta.
    case gamma(shape: Double, scale: Seconds)
    /// Weibull with shape k and scale lambda (seconds).
    case weibull(shape: Double, scale: Seconds)

    /// The distribution's mean, in seconds.
    public var mean: Seconds {
        switch self {
        case let .constant(value): return value
        case let .exponential(mean): return mean
        case let .lognormal(median, sigma): return median * exp(sigma * sigma / 2)
        case let .gamma(shape, scale): return shape * scale
        case let .weibull(shape, scale): return scale * tgamma(1 + 1 / shape)
        }
    }

    /// A value no larger than the distribution's median, in seconds: exact for
    /// all but gamma, whose median lies above (k - 1/3) x theta for k >= 1
    /// (Chen and Rubin, 1986) and above theta x (Gamma(k + 1) / 2)^(1/k)
    /// for k < 1 (the CDF at x is below (x/theta)^k / Gamma(k + 1)). The loader
    /// bounds renewal arrivals by it: a finite mean says nothing about how
    /// small most gaps are.
    public var medianLowerBound: Seconds {
        switch self {
        case let .constant(value): return value
        case let .exponential(mean): return mean * M_LN2
        case let .lognormal(median, _): return median
        case let .weibull(shape, scale): return scale * exp(log(M_LN2) / shape)
        case let .gamma(shape, scale):
            if shape >= 1 { return (shape - 1.0 / 3) * scale }
            return scale * exp((lgamma(shape + 1) - M_LN2) / shape)
        }
    }

    /// The name used in scenario files (`distribution:`).
    public var name: String {
        switch self {
        case .constant: return "constant"
        case .exponential: return "exponential"
        case .lognormal: return "lognormal"
        case .gamma: return "gamma"
        case .weibull: return "weibull"
        }
    }
}

