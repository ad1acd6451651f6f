import Foundation
import NommerSim

/// A one-line progress display on a terminal's stderr.
enum ProgressLine {
    static func draw(_ progress: SimulationProgress, since start: Date) {
        var fraction: Double? = nil
        if let planned = progress.plannedJobs, planned > 0 {
            fraction = Double(progress.submitted) / Double(planned)
        } else if let seconds = progress.plannedSeconds, seconds > 0 {
            fraction = min(1, progress.simulatedSeconds / seconds)
        }
        let elapsed = Date().timeIntervalSince(start)
        var line = String(format: "\rsimulated %.1f h, %d jobs, %d events", progress.simulatedSeconds / 3600,
                          progress.submitted, progress.events)
        if let fraction, fraction > 0 {
            let eta = elapsed * (1 - fraction) / fraction
            line += String(format: " (%.0f%%, ETA %.0f s)", fraction * 100, eta)
        }
        printErrorRaw(line)
    }

    static func clear() { printErrorRaw("\r\u{1B}[K") }

    private static func printErrorRaw(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
