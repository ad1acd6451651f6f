import Foundation
import NommerConfig

/// How to choose among fitted families.
public enum FitCriterion: String, Sendable, CaseIterable {
    /// Lowest Akaike information criterion, 2 k - 2 ln L.
    case aic
    /// Lowest Kolmogorov-Smirnov distance.
    case ks
}

/// One family fitted to a sample, and how well it fits.
public struct FittedFamily: Sendable {
    public var family: DistributionFamily
    /// The maximum-likelihood distribution; nil if the family could not be fitted.
    public var distribution: DistributionSpec?
    /// ln L of the sample under `distribution`.
    public var logLikelihood: Double
    /// 2 k - 2 ln L.
    public var aic: Double
    /// sup |F_n(x) - F(x)|, the Kolmogorov-Smirnov distance.
    public var ksDistance: Double
}

/// Fits every family to a sample and picks one.
public struct SampleFit: Sendable {
    /// Values fitted (seconds, > 0).
    public var count: Int
    /// Values left out because they were 0 (a fit needs x > 0).
    public var zerosLeftOut: Int
    /// Every family, in ``DistributionFamily/allCases`` order.
    public var families: [FittedFamily]
    public var criterion: FitCriterion

    /// Fits `values` (seconds; zeros are left out and counted).
    public init(_ values: [Double], criterion: FitCriterion) {
        let sample = values.filter { $0 > 0 }.sorted()
        count = sample.count
        zerosLeftOut = values.count - sample.count
        self.criterion = criterion
        families = DistributionFamily.allCases.map { family in
            guard let distribution = MaximumLikelihood.fit(family, sample) else {
                return FittedFamily(family: family, distribution: nil, logLikelihood: -.infinity, aic: .infinity,
                                    ksDistance: .infinity)
            }
            let logLikelihood = sample.reduce(0) { $0 + distribution.logDensity($1) }
            return FittedFamily(family: family, distribution: distribution, logLikelihood: logLikelihood,
                                aic: 2 * Double(family.parameterCount) - 2 * logLikelihood,
                                ksDistance: Self.ksDistance(sorted: sample, distribution))
        }
    }

    /// The family the criterion prefers (ties go to the simpler, earlier
    /// family); nil if none could be fitted.
    public var chosen: FittedFamily? {
        let fitted = families.filter { $0.distribution != nil && $0.logLikelihood.isFinite }
        switch criterion {
        case .aic: return fitted.min { $0.aic < $1.aic }
        case .ks: return fitted.min { $0.ksDistance < $1.ksDistance }
        }
    }

    /// sup over x of |empirical CDF - CDF| for a sorted sample.
    static func ksDistance(sorted sample: [Double], _ distribution: DistributionSpec) -> Double {
        let n = Double(sample.count)
        var distance = 0.0
        for (index, x) in sample.enumerated() {
            let f = distribution.cumulative(x)
            distance = max(distance, Double(index + 1) / n - f, f - Double(index) / n)
        }
        return distance
    }
}
