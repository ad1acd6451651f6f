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

