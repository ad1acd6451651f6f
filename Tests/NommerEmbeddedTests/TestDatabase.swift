import Foundation
import NommerCore
import NommerEmbedded
import NommerLive

/// A fresh data directory under the temporary folder (a real SQLite file).
func makeDataDirectory() -> String {
    let path = FileManager.default.temporaryDirectory
        .appendingPathComponent("nommer-embedded-\(UUID().uuidString)").path
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// A backend on a fresh directory with a clock the test moves.
func makeBackend(clock: ManualClock = ManualClock()) throws -> (EmbeddedBackend, ManualClock) {
    (try EmbeddedBackend(dataDirectory: makeDataDirectory(), clock: clock), clock)
}
