import DequeModule

/// Jobs finished within a sliding window, with their mean processing time:
/// the "recent completions" of a ``FleetSnapshot``. Memory is bounded by the
/// completions in one window.
public struct CompletionWindow: Sendable {
    /// The window's length, in seconds.
    public let lengthSeconds: Seconds
    private var entries: Deque<(finishedAt: Seconds, processingSeconds: Seconds)> = []
    private var processingSum: Double = 0

    public init(lengthSeconds: Seconds) { self.lengthSeconds = lengthSeconds }

    /// Records a completion at `finishedAt` that took `processingSeconds` of work.
    public mutating func record(finishedAt: Seconds, processingSeconds: Seconds) {
        entries.append((finishedAt, processingSeconds))
        processingSum += processingSeconds
    }

    /// Drops completions older than the window at `now`. Amortized O(1).
    public mutating func expire(now: Seconds) {
        while let first = entries.first, first.finishedAt <= now - lengthSeconds {
            processingSum -= first.processingSeconds
            entries.removeFirst()
        }
        if entries.isEmpty { processingSum = 0 }
    }

    /// Completions in the window.
    public var count: Int { entries.count }

    /// Mean processing time of the completions in the window, in seconds; nil if none.
    public var meanProcessingSeconds: Seconds? {
        entries.isEmpty ? nil : processingSum / Double(entries.count)
    }
}
