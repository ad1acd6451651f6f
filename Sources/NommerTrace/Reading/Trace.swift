import NommerCore
import NommerSim

/// A trace: one record per job, sorted by submission time (ties keep the
/// file's order), and what was skipped to get it. Format: `docs/traces.md`.
public struct Trace: Sendable {
    /// The file it was read from.
    public var file: String
    /// The jobs, in order of submission.
    public var records: [TraceRecord]
    /// Where second 0 of the trace falls in its day, in seconds after
    /// midnight UTC: 0 for `submit_seconds` traces (they start at midnight),
    /// the first timestamp's time of day for `submitted_at` traces.
    public var startSecondOfDay: Seconds
    /// Lines left out by `--skip-bad`, with why.
    public var skipped: [TraceError]
    /// Columns (or JSON keys) the reader does not know and ignored, sorted.
    public var ignoredFields: [String]

    public init(file: String, records: [TraceRecord], startSecondOfDay: Seconds = 0, skipped: [TraceError] = [],
                ignoredFields: [String] = []) {
        self.file = file
        self.records = records.enumerated()
            .sorted { ($0.element.submittedAt, $0.offset) < ($1.element.submittedAt, $1.offset) }
            .map(\.element)
        self.startSecondOfDay = startSecondOfDay
        self.skipped = skipped
        self.ignoredFields = ignoredFields
    }

    /// The last submission time, in seconds from the start.
    public var lastSubmission: Seconds { records.last?.submittedAt ?? 0 }

    /// The jobs to replay, with every submission time divided by `loadScale`
    /// (> 0): 1.5 shortens every gap to 1/1.5 of it, so traffic grows by half.
    public func replayWorkload(loadScale: Double = 1) -> ReplayWorkload {
        precondition(loadScale > 0 && loadScale.isFinite, "load scale must be finite and > 0")
        return ReplayWorkload(jobs: records.map {
            ReplayedJob(submittedAt: $0.submittedAt / loadScale, encodeSeconds: $0.encodeSeconds,
                        fails: $0.outcome.map { $0 == .error },
                        downloadSeconds: $0.downloadSeconds, uploadSeconds: $0.uploadSeconds)
        })
    }

    /// One line per kind of problem: how many lines, and the first of them.
    /// Empty when nothing was skipped.
    public var skippedSummary: [String] {
        var order: [String] = []
        var groups: [String: [TraceError]] = [:]
        for error in skipped {
            if groups[error.problem] == nil { order.append(error.problem) }
            groups[error.problem, default: []].append(error)
        }
        return order.map { problem in
            let lines = groups[problem] ?? []
            let first = lines.first.map { $0.line.map { " (first at line \($0)" } ?? " (" } ?? " ("
            let detail = lines.first?.detail.map { ": \($0))" } ?? ")"
            return "\(lines.count) x \(problem)\(first)\(detail)"
        }
    }
}
