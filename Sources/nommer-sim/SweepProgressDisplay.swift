import Foundation
import NommerPlan

/// Sweep progress on stdout: a bar redrawn in place on a terminal, plain
/// lines (at most one a second, and the last) otherwise.
final class SweepProgressDisplay: @unchecked Sendable {
    private let terminal = isatty(1) != 0
    private let lock = NSLock()
    private var lastLine = Date.distantPast

    func show(_ progress: SweepProgress) {
        lock.withLock {
            let fraction = progress.total > 0 ? Double(progress.done) / Double(progress.total) : 1
            var text = "\(progress.done)/\(progress.total) runs"
            text += String(format: " (%.0f%%)", fraction * 100)
            if progress.resumed > 0 { text += ", \(progress.resumed) already done" }
            if let eta = progress.etaSeconds, progress.done < progress.total { text += String(format: ", ETA %.0f s", eta) }
            if terminal {
                let width = 30
                let filled = Int((fraction * Double(width)).rounded(.down))
                let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
                write("\r\u{1B}[K[\(bar)] \(text)" + (progress.done == progress.total ? "\n" : ""))
            } else if progress.done == progress.total || Date().timeIntervalSince(lastLine) >= 1 {
                lastLine = Date()
                write("sweep: \(text)\n")
            }
        }
    }

    private func write(_ text: String) {
        print(text, terminator: "")
        fflush(nil)
    }
}
