import Histogram
import NommerCore

/// Streaming statistics of a latency: an exact count, mean and maximum, and
/// an HdrHistogram (millisecond resolution, three significant digits) for
/// percentiles. Memory is fixed, whatever the number of samples.
struct LatencyRecorder {
    private var histogram = Histogram<UInt64>(numberOfSignificantValueDigits: .three)
    private(set) var count = 0
    private(set) var sum: Double = 0
    private(set) var maximum: Double = 0

    /// Records one latency, in seconds (negative values count as 0).
    mutating func record(_ seconds: Seconds) {
        let value = max(0, seconds)
        count += 1
        sum += value
        if value > maximum { maximum = value }
        _ = histogram.record(UInt64((value * 1000).rounded()))
    }

    /// Latencies at the quantiles `levels` (each in [0, 1]), in seconds:
    /// 1 gives the exact maximum; all zero when nothing was recorded.
    func quantiles(_ levels: [Double]) -> [Double] {
        guard count > 0 else { return levels.map { _ in 0 } }
        return levels.map { level in
            level >= 1 ? maximum : Double(histogram.valueAtPercentile(Swift.max(0, level) * 100)) / 1000
        }
    }

    /// The summary in seconds; all zero when nothing was recorded.
    var summary: LatencySummary {
        guard count > 0 else { return LatencySummary(mean: 0, p50: 0, p95: 0, p99: 0, max: 0) }
        func percentile(_ p: Double) -> Double { Double(histogram.valueAtPercentile(p)) / 1000 }
        return LatencySummary(mean: sum / Double(count), p50: percentile(50), p95: percentile(95),
                              p99: percentile(99), max: maximum)
    }
}
