import Foundation
import NommerSim

/// Writes a run's jobs as a CSV trace (`docs/traces.md`): the jobs a
/// simulation made, which `replay` and `fit` read back.
public enum TraceWriter {
    /// `# comment` lines, the header `submit_seconds,encode_seconds,outcome,job_id`,
    /// then one line per job. Times are printed with millisecond precision;
    /// an abandoned or unfinished job has no outcome, a job that never
    /// encoded no encode_seconds.
    public static func csv(_ entries: [JobLogEntry], comments: [String] = []) -> String {
        var text = comments.map { "# \($0)\n" }.joined()
        text += [TraceColumns.submitSeconds, TraceColumns.encodeSeconds, TraceColumns.outcome, TraceColumns.jobID]
            .joined(separator: ",") + "\n"
        for entry in entries {
            let encode = entry.encodeSeconds.map { String(format: "%.3f", $0) } ?? ""
            let outcome = entry.outcome.flatMap { TraceOutcome(rawValue: $0)?.rawValue } ?? ""
            text += String(format: "%.3f", entry.submittedAt) + ",\(encode),\(outcome),\(entry.jobID)\n"
        }
        return text
    }
}
