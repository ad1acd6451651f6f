import Foundation
import NommerCore

/// How jobs arrive, as a scenario file gives it (`workload.arrivals`).
public enum ArrivalSpec: Sendable, Equatable {
    /// Poisson arrivals at a constant rate, in jobs per hour.
    case poisson(ratePerHour: Double)
    /// A non-homogeneous Poisson process whose rate follows the day:
    /// rate(t) = mean x (1 + amplitude x cos(2 pi (hour(t) - peakHour) / 24)),
    /// with hour(t) = (t / 3600) mod 24 and the run starting at midnight.
    /// `amplitude` is in [0, 1]; `peakHour` in [0, 24).
    case diurnal(meanRatePerHour: Double, amplitude: Double, peakHour: Double)
    /// A non-homogeneous Poisson process whose rate is constant within each
    /// hour of the day: `ratesPerHour[h]` jobs per hour during hour h (0 to
    /// 23), the run starting at midnight. Any daily shape (two peaks, a
    /// lunch dip) that one sinusoid cannot follow; `nommer-sim fit` writes it
    /// when the `diurnal` sinusoid does not fit a trace's hourly counts.
    /// 24 rates, each >= 0, at least one > 0.
    case hourly(ratesPerHour: [Double])
    /// A constant base rate with bursts: during each burst window the rate is
    /// the burst's own. Windows repeat every `everyHours` hours if it is > 0.
    case bursts(baseRatePerHour: Double, bursts: [Burst])
    /// A renewal process: independent gaps between arrivals, in seconds,
    /// drawn from `gapSeconds` (whose mean must be > 0). An exponential gap
    /// is the Poisson process; `nommer-sim fit` writes others.
    case renewal(gapSeconds: DistributionSpec)

    /// One burst window.
    public struct Burst: Sendable, Equatable {
        /// When the burst starts, in hours from the start of the run.
        public var atHour: Double
        /// How long it lasts, in minutes.
        public var durationMinutes: Double
        /// The arrival rate during the burst, in jobs per hour.
        public var ratePerHour: Double
        /// Repeat the window every this many hours; 0 for once.
        public var everyHours: Double

        public init(atHour: Double, durationMinutes: Double, ratePerHour: Double, everyHours: Double = 0) {
            self.atHour = atHour
            self.durationMinutes = durationMinutes
            self.ratePerHour = ratePerHour
            self.everyHours = everyHours
        }
    }

    /// The arrival rate at time `t` (seconds from the start), in jobs per hour.
    public func ratePerHour(at t: Seconds) -> Double {
        switch self {
        case let .poisson(rate):
            return rate
        case let .diurnal(mean, amplitude, peakHour):
            let hour = (t / 3600).truncatingRemainder(dividingBy: 24)
            return mean * (1 + amplitude * cos(2 * Double.pi * (hour - peakHour) / 24))
        case let .hourly(rates):
            let hour = Int((t / 3600).truncatingRemainder(dividingBy: 24))
            return rates.isEmpty ? 0 : rates[min(rates.count - 1, max(0, hour))]
        case let .bursts(base, bursts):
            let hour = t / 3600
            for burst in bursts {
                var offset = hour - burst.atHour
                if offset < 0 { continue }
                if burst.everyHours > 0 { offset = offset.truncatingRemainder(dividingBy: burst.everyHours) }
                if offset * 60 < burst.durationMinutes { return burst.ratePerHour }
            }
            return base
        case let .renewal(gap):
            return 3600 / gap.mean
        }
    }

    /// An upper bound of `ratePerHour(at:)` over all t, for thinning.
    public var maximumRatePerHour: Double {
        switch self {
        case let .poisson(rate): return rate
        case let .diurnal(mean, amplitude, _): return mean * (1 + amplitude)
        case let .hourly(rates): return rates.max() ?? 0
        case let .bursts(base, bursts): return bursts.map(\.ratePerHour).reduce(base, max)
        case let .renewal(gap): return 3600 / gap.mean
        }
    }

    /// The rate that bounds how many arrivals a run draws, in jobs per hour:
    /// ``maximumRatePerHour``, and for renewal arrivals 3600 over the smaller
    /// of the mean gap and (a lower bound on) the median gap, since gaps of a
    /// finite mean can still be almost all near zero (a lognormal of median
    /// 1e-300 s and sigma 37 has a mean of 5400 s) and never move the clock.
    public var boundingRatePerHour: Double {
        guard case let .renewal(gap) = self else { return maximumRatePerHour }
        return 3600 / min(gap.mean, gap.medianLowerBound)
    }

    /// The average rate over a long run, in jobs per hour: the mean of the
    /// diurnal or hourly rates, the base rate plus what repeating bursts add
    /// on average; 0 when arrivals end (``arrivalsEndAt``).
    public var longRunRatePerHour: Double {
        switch self {
        case let .poisson(rate): return rate
        case let .diurnal(mean, _, _): return mean
        case let .hourly(rates): return rates.reduce(0, +) / Double(max(1, rates.count))
        case let .renewal(gap): return gap.mean > 0 ? 3600 / gap.mean : 0
        case let .bursts(base, bursts):
            let extra = bursts.filter { $0.everyHours > 0 }.map { burst in
                max(0, burst.ratePerHour - base) * min(1, burst.durationMinutes / 60 / burst.everyHours)
            }.reduce(0, +)
            return base + extra
        }
    }

    /// When the rate becomes zero for good, in seconds from the start: the
    /// end of the last burst when the base rate is 0 and no burst repeats;
    /// nil for every other process (its rate is positive again and again).
    public var arrivalsEndAt: Seconds? {
        guard case let .bursts(base, bursts) = self, base == 0, !bursts.contains(where: { $0.everyHours > 0 }) else {
            return nil
        }
        return bursts.map { $0.atHour * 3600 + $0.durationMinutes * 60 }.max() ?? 0
    }

    /// The process name used in scenario files (`process:`).
    public var name: String {
        switch self {
        case .poisson: return "poisson"
        case .diurnal: return "diurnal"
        case .hourly: return "hourly"
        case .bursts: return "bursts"
        case .renewal: return "renewal"
        }
    }
}

