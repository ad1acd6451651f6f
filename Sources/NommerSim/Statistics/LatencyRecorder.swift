import Histogram
import NommerCore

/// Streaming statistics of a latency: an exact count, mean, minimum and
/// maximum, and an HdrHistogram (millisecond resolution, three significant
/// digits) for percentiles. Memory is fixed, whatever the number of samples.
///
/// A histogram percentile is the top of its bucket, which can lie above the
/// largest value recorded (or, values being rounded to milliseconds, below
/// the smallest): every percentile reported is clamped to the exact
/// [minimum, maximum], so p99 <= max and the quantiles never decrease.
struct LatencyRecorder {
    private var histogram = Histogram<UInt64>(numberOfSignificantValueDigits: .three)
    private(set) var count = 0
    private(set) var sum: Double = 0
    private(set) var minimum: Double = .infinity
    private(set) var maximum: Double = 0

    /// Records one latency, in seconds (negative values count as 0).
    mutating func record(_ seconds: Seconds) {
        let value = max(0, seconds)
        count += 1
        sum += value
        if value > maximum { maximum = value }
        if value < minimum { minimum = value }
        _ = histogram.record(UInt64((value * 1000).rounded()))
    }

    /// The histogram's value at `percent` (0 to 100) in seconds, clamped to
    /// the exact [minimum, maximum].
    private func percentile(_ percent: Double) -> Double {
        let value = Double(histogram.valueAtPercentile(percent)) / 1000
        return Swift.min(maximum, Swift.max(minimum, value))
    }

    /// Latencies at the quantiles `levels` (each in [0, 1]), in seconds:
    /// 1 gives the exact maximum; all zero when nothing was recorded. Each is
    /// within [minimum, maximum], and a higher level never gives less.
    func quantiles(_ levels: [Double]) -> [Double] {
        guard count > 0 else { return levels.map { _ in 0 } }
        var values = levels.map { $0 >= 1 ? maximum : percentile(Swift.max(0, $0) * 100) }
        // Monotonic in the level, whatever order the levels come in.
        var highest = -Double.infinity
        for index in levels.indices.sorted(by: { levels[$0] < levels[$1] }) {
            highest = Swift.max(highest, values[index])
            values[index] = highest
        }
        return values
    }

    /// The summary in seconds; all zero when nothing was recorded.
    var summary: LatencySummary {
        guard count > 0 else { return LatencySummary(mean: 0, p50: 0, p95: 0, p99: 0, max: 0) }
        // Clamping keeps the order: p50 <= p95 <= p99 <= max.
        return LatencySummary(mean: sum / Double(count), p50: percentile(50), p95: percentile(95),
                              p99: percentile(99), max: maximum)
    }
}
