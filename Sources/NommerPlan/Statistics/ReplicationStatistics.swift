import CGSL
import Foundation

/// A metric across a configuration's replications: the mean and a
/// confidence interval from Student's t (GSL's `gsl_cdf_tdist_Pinv`).
public struct ReplicationStatistics: Sendable, Equatable {
    /// Replications.
    public var count: Int
    public var mean: Double
    /// Sample standard deviation (n - 1); 0 for one replication.
    public var standardDeviation: Double
    /// Half the interval's width; nil with fewer than two replications.
    public var halfWidth: Double?

    /// The interval's ends; both the mean with one replication.
    public var lower: Double { mean - (halfWidth ?? 0) }
    public var upper: Double { mean + (halfWidth ?? 0) }

    /// Statistics of `values` at `confidence` (0.95 for a 95% interval).
    public init(_ values: [Double], confidence: Double = 0.95) {
        count = values.count
        mean = values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
        guard values.count >= 2 else {
            standardDeviation = 0
            halfWidth = nil
            return
        }
        let m = mean
        let variance = values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count - 1)
        standardDeviation = variance.squareRoot()
        halfWidth = Self.tQuantile(1 - (1 - confidence) / 2, degreesOfFreedom: values.count - 1)
            * standardDeviation / Double(values.count).squareRoot()
    }

    /// Student's t quantile: P(T <= t) = `probability` with `degreesOfFreedom`.
    public static func tQuantile(_ probability: Double, degreesOfFreedom: Int) -> Double {
        gsl_cdf_tdist_Pinv(probability, Double(degreesOfFreedom))
    }
}
