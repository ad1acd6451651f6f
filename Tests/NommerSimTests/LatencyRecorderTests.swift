import Testing
@testable import NommerSim

/// Percentiles from the HdrHistogram are the tops of its buckets: they are
/// clamped to the exact minimum and maximum, and never decrease.
@Suite("latency recorder")
struct LatencyRecorderTests {
    @Test("p99 of scenarios/hang.yaml's turnaround is not above its maximum")
    func percentileNotAboveMaximum() {
        var recorder = LatencyRecorder()
        recorder.record(33031.92461616503)
        let summary = recorder.summary
        // The histogram holds 33031925 ms (values are rounded to milliseconds): 33031.925 s, above the maximum.
        #expect(summary.max == 33031.92461616503)
        #expect(summary.p50 == 33031.92461616503)
        #expect(summary.p95 == 33031.92461616503)
        #expect(summary.p99 == 33031.92461616503)
        #expect(recorder.quantiles([0, 0.5, 0.999, 1]) == Array(repeating: 33031.92461616503, count: 4))
    }

    @Test("a percentile is not below the exact minimum (values are rounded to milliseconds)")
    func percentileNotBelowMinimum() {
        var recorder = LatencyRecorder()
        recorder.record(1.0004)
        recorder.record(1.0004)
        #expect(recorder.summary.p50 == 1.0004)
        #expect(recorder.quantiles([0, 0.01, 1]) == [1.0004, 1.0004, 1.0004])
    }

    @Test("quantiles rise with the level, in any order asked, and stay within [min, max]")
    func monotonic() {
        var recorder = LatencyRecorder()
        for value in [0.25, 7.5, 7.5004, 120.0, 3600.9999, 33031.92461616503] { recorder.record(value) }
        let levels = [1, 0.999, 0.99, 0.5, 0, 0.95, 0.01]
        let values = recorder.quantiles(levels)
        let byLevel = zip(levels, values).sorted { $0.0 < $1.0 }.map(\.1)
        #expect(zip(byLevel, byLevel.dropFirst()).allSatisfy { $0 <= $1 }, "\(byLevel)")
        #expect(values.allSatisfy { $0 >= 0.25 && $0 <= 33031.92461616503 }, "\(values)")
        #expect(values[0] == 33031.92461616503 && values[1] == 33031.92461616503)
        let summary = recorder.summary
        #expect(summary.p50 <= summary.p95 && summary.p95 <= summary.p99 && summary.p99 <= summary.max)
        #expect(summary.p99 == 33031.92461616503)
    }

    @Test("nothing recorded: every quantile and the summary are 0")
    func empty() {
        let recorder = LatencyRecorder()
        #expect(recorder.quantiles([0, 0.5, 1]) == [0, 0, 0])
        #expect(recorder.summary == LatencySummary(mean: 0, p50: 0, p95: 0, p99: 0, max: 0))
    }
}
