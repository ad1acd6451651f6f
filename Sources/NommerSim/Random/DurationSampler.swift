import CGSL
import Foundation
import NommerConfig
import NommerCore

/// Draws durations, in seconds, from a ``DistributionSpec`` using GSL.
///
/// Parameters are validated and converted to GSL's form once, in `init`, so
/// that `sample(_:)`, which is on the simulator's hot path, is a switch and
/// one GSL call.
public struct DurationSampler: Sendable {
    /// The distribution in GSL's parameterisation.
    enum Kind: Sendable {
        case constant(Seconds)
        /// `gsl_ran_exponential(r, mu)`, mu = mean (seconds).
        case exponential(mu: Double)
        /// `gsl_ran_lognormal(r, zeta, sigma)`, zeta = log(median in seconds).
        case lognormal(zeta: Double, sigma: Double)
        /// `gsl_ran_gamma(r, a, b)`, a = shape, b = scale (seconds).
        case gamma(a: Double, b: Double)
        /// `gsl_ran_weibull(r, a, b)` with density b/a^b x^(b-1) exp(-(x/a)^b):
        /// a = scale (seconds), b = shape.
        case weibull(a: Double, b: Double)
    }

    let kind: Kind

    /// The distribution this sampler draws from.
    public let spec: DistributionSpec

    /// Creates a sampler for `spec`. Parameters must be finite, durations and
    /// scales positive (a constant may be 0), shapes positive, sigma >= 0.
    public init(_ spec: DistributionSpec) {
        self.spec = spec
        switch spec {
        case let .constant(value):
            precondition(value.isFinite && value >= 0, "constant duration must be finite and >= 0, got \(value)")
            kind = .constant(value)
        case let .exponential(mean):
            precondition(mean.isFinite && mean > 0, "exponential mean must be finite and > 0, got \(mean)")
            kind = .exponential(mu: mean)
        case let .lognormal(median, sigma):
            precondition(median.isFinite && median > 0, "lognormal median must be finite and > 0, got \(median)")
            precondition(sigma.isFinite && sigma >= 0, "lognormal sigma must be finite and >= 0, got \(sigma)")
            kind = .lognormal(zeta: log(median), sigma: sigma)
        case let .gamma(shape, scale):
            precondition(shape.isFinite && shape > 0, "gamma shape must be finite and > 0, got \(shape)")
            precondition(scale.isFinite && scale > 0, "gamma scale must be finite and > 0, got \(scale)")
            kind = .gamma(a: shape, b: scale)
        case let .weibull(shape, scale):
            precondition(shape.isFinite && shape > 0, "weibull shape must be finite and > 0, got \(shape)")
            precondition(scale.isFinite && scale > 0, "weibull scale must be finite and > 0, got \(scale)")
            kind = .weibull(a: scale, b: shape)
        }
    }

    /// One duration, in seconds, drawn from `stream`.
    public func sample(_ stream: RandomStream) -> Seconds {
        switch kind {
        case let .constant(value): return value
        case let .exponential(mu): return gsl_ran_exponential(stream.rng, mu)
        case let .lognormal(zeta, sigma): return gsl_ran_lognormal(stream.rng, zeta, sigma)
        case let .gamma(a, b): return gsl_ran_gamma(stream.rng, a, b)
        case let .weibull(a, b): return gsl_ran_weibull(stream.rng, a, b)
        }
    }
}
