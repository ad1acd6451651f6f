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
    /// Why the family was left out although its estimate was computed: a
    /// parameter, the log-likelihood or the KS distance is not finite, or a
    /// parameter is not > 0 (an extreme sample). Such a fit is never chosen.
    public var skippedBecause: String?
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
            let ksDistance = Self.ksDistance(sorted: sample, distribution)
            if let reason = Self.degeneracy(distribution, logLikelihood: logLikelihood, ksDistance: ksDistance) {
                return FittedFamily(family: family, distribution: nil, logLikelihood: -.infinity, aic: .infinity,
                                    ksDistance: .infinity, skippedBecause: reason)
            }
            return FittedFamily(family: family, distribution: distribution, logLikelihood: logLikelihood,
                                aic: 2 * Double(family.parameterCount) - 2 * logLikelihood, ksDistance: ksDistance)
        }
    }

    /// What makes a fit unusable, if anything: a parameter that is not a
    /// finite number > 0, or a log-likelihood or KS distance that is not finite.
    static func degeneracy(_ distribution: DistributionSpec, logLikelihood: Double, ksDistance: Double) -> String? {
        var reasons = distribution.parameters.compactMap { name, value -> String? in
            if !value.isFinite { return "\(name) is not finite" }
            return value > 0 ? nil : "\(name) is \(value == 0 ? "0" : "negative")"
        }
        if !logLikelihood.isFinite { reasons.append("the log-likelihood is not finite") }
        if !ksDistance.isFinite { reasons.append("the KS distance is not finite") }
        return reasons.isEmpty ? nil : reasons.joined(separator: ", ")
    }

    /// The family the criterion prefers (ties go to the simpler, earlier
    /// family); nil if none could be fitted.
    public var chosen: FittedFamily? {
        let fitted = families.filter { $0.distribution != nil && $0.logLikelihood.isFinite && $0.aic.isFinite
            && $0.ksDistance.isFinite }
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
