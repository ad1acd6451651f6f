import NommerConfig
import NommerCore

/// Generates job arrival times, in seconds from the start of the run, for an
/// ``ArrivalSpec``.
///
/// A constant-rate Poisson process draws exponential gaps with mean
/// 3600 / rate seconds. Diurnal, hourly and burst processes are non-homogeneous
/// Poisson processes, sampled by thinning (Lewis and Shedler, 1979):
/// candidates come from a homogeneous process at the maximum rate λmax and
/// each is kept with probability rate(t) / λmax. A renewal process draws
/// each gap from its distribution.
public struct ArrivalGenerator: Sendable {
    /// The arrival process.
    public let spec: ArrivalSpec

    /// Mean gap between candidates, in seconds (3600 / λmax per hour);
    /// nil when the rate is zero everywhere.
    let candidateMeanGap: Seconds?

    /// Whether candidates need thinning (false for a constant-rate process).
    let thins: Bool

    /// The gap distribution of a renewal process; nil for the Poisson kinds.
    let gapSampler: DurationSampler?

    /// When the rate becomes zero for good, in seconds (infinity: never).
    let arrivalsEnd: Seconds

    /// Creates a generator for `spec`. Rates are in jobs per hour and must be
    /// finite; a maximum rate of zero (or less) means no arrivals at all.
    public init(_ spec: ArrivalSpec) {
        self.spec = spec
        let maximum = spec.maximumRatePerHour
        precondition(maximum.isFinite, "arrival rate must be finite, got \(maximum) per hour")
        candidateMeanGap = maximum > 0 ? 3600 / maximum : nil
        arrivalsEnd = spec.arrivalsEndAt ?? .infinity
        switch spec {
        case .poisson:
            thins = false
            gapSampler = nil
        case let .renewal(gap):
            thins = false
            gapSampler = DurationSampler(gap)
        case .diurnal, .hourly, .bursts:
            thins = true
            gapSampler = nil
        }
    }

    /// The first arrival strictly after `t` (seconds from the start of the
    /// run), in seconds from the start of the run, drawing from `stream`;
    /// nil if the process never produces another arrival (rate zero
    /// everywhere).
    ///
    /// With thinning this loops over rejected candidates; it terminates with
    /// probability 1 whenever the rate is positive somewhere ahead, though a
    /// long stretch of zero rate costs about λmax x (its length) draws. Past
    /// ``ArrivalSpec/arrivalsEndAt`` (the last burst of a zero base rate)
    /// there is none: nil.
    public mutating func nextArrival(after t: Seconds, _ stream: RandomStream) -> Seconds? {
        guard let gap = candidateMeanGap else { return nil }
        if let gapSampler { return t + gapSampler.sample(stream) }
        var time = t + stream.exponential(mean: gap)
        guard thins else { return time }
        let maximum = spec.maximumRatePerHour
        let end = arrivalsEnd
        while time < end, stream.uniform() * maximum >= spec.ratePerHour(at: time) {
            time += stream.exponential(mean: gap)
        }
        return time < end ? time : nil
    }
}
