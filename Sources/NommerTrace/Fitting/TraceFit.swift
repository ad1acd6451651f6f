import Foundation
import NommerConfig
import NommerCore

/// Everything `nommer-sim fit` learns from a trace.
public struct TraceFit: Sendable {
    /// Gaps between consecutive submissions, fitted.
    public var interArrival: SampleFit
    /// Encode durations, fitted; nil if the trace has none.
    public var encode: SampleFit?
    /// Download durations, fitted; nil if the trace has none.
    public var download: SampleFit?
    /// Upload durations, fitted; nil if the trace has none.
    public var upload: SampleFit?
    /// Arrivals by hour of day.
    public var profile: HourlyProfile
    /// Fraction of jobs with outcome `error` among those with an outcome; nil if none has one.
    public var errorFraction: Double?
    /// Jobs in the trace.
    public var jobs: Int
    /// From the trace's start to its last submission, in seconds.
    public var spanSeconds: Seconds

    public init(_ trace: Trace, criterion: FitCriterion = .aic) {
        let times = trace.records.map(\.submittedAt)
        jobs = times.count
        spanSeconds = trace.lastSubmission
        interArrival = SampleFit(zip(times.dropFirst(), times).map { $0 - $1 }, criterion: criterion)
        let encodes = trace.records.compactMap(\.encodeSeconds)
        encode = encodes.isEmpty ? nil : SampleFit(encodes, criterion: criterion)
        let downloads = trace.records.compactMap(\.downloadSeconds)
        download = downloads.isEmpty ? nil : SampleFit(downloads, criterion: criterion)
        let uploads = trace.records.compactMap(\.uploadSeconds)
        upload = uploads.isEmpty ? nil : SampleFit(uploads, criterion: criterion)
        profile = HourlyProfile(times: times, startSecondOfDay: trace.startSecondOfDay, spanSeconds: spanSeconds)
        let outcomes = trace.records.compactMap(\.outcome)
        errorFraction = outcomes.isEmpty ? nil : Double(outcomes.filter { $0 == .error }.count) / Double(outcomes.count)
    }

    /// The arrival process the scenario gets: when the profile is not flat,
    /// the diurnal sinusoid if it fits the hourly counts and the 24 hourly
    /// rates if it does not; otherwise Poisson if exponential gaps win, a
    /// renewal process with the chosen gap distribution if another family
    /// does; nil when no family could be fitted.
    public var arrivals: ArrivalSpec? {
        if profile.isDiurnal { return profile.dailyFit }
        guard let chosen = interArrival.chosen?.distribution else { return nil }
        if case let .exponential(mean) = chosen {
            // A mean gap so short that the rate overflows: no usable fit (the writer's fallback applies).
            let rate = 3600 / mean
            return rate.isFinite ? .poisson(ratePerHour: rate) : nil
        }
        return .renewal(gapSeconds: chosen)
    }
}
