#if canImport(Glibc)
import Glibc
#endif
import Foundation
import NommerLive

/// A `nommer-sim` process started by a test in a process group of its own,
/// so that the test can kill it and every worker it started in one call.
public final class ToolProcess: @unchecked Sendable {
    public let pid: pid_t
    public let logPath: String

    /// The package's root folder.
    public static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The built executable (the test target depends on it, so it is built with the tests).
    public static var executable: String? {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [beside] + ["release", "debug"].map { packageRoot.appendingPathComponent(".build/\($0)") }
        return candidates.map { $0.appendingPathComponent("nommer-sim").path }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Starts `nommer-sim` with `arguments`, stdout and stderr appended to
    /// `logPath`, with `environment` added to this process's environment.
    public init(_ arguments: [String], environment: [String: String] = [:], logPath: String) throws {
        guard let executable = Self.executable else { throw CocoaError(.fileNoSuchFile) }
        self.logPath = logPath
        pid = try ChildProcess.spawn(executable: executable, arguments: arguments, logPath: logPath,
                                     environment: environment, ownProcessGroup: true)
    }

    /// Sends `signal` to the process only.
    public func signal(_ signal: Int32) { kill(pid, signal) }

    /// Kills the whole process group (the process and the workers it started).
    public func killGroup() { kill(-pid, SIGKILL) }

    /// Waits for the process to exit, polling until `seconds` pass; returns
    /// its exit status, or nil if it is still running.
    public func waitForExit(seconds: Double) async -> Int32? {
        let deadline = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
        while ContinuousClock.now < deadline {
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid { return (status >> 8) & 0xff }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return nil
    }

    public var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }
}

/// Polls `condition` every 100 ms until it holds or `seconds` pass; returns whether it held.
public func poll(seconds: Double, _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(100))
    }
    return try await condition()
}

/// A fresh data directory under the temporary folder.
public func makeDataDirectory() -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("nommer-live-\(UUID().uuidString)").path
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Kills every worker process recorded in the data directory's instances
/// table (workers adopted by a restarted feederd are in the first feederd's group).
public func killRecordedWorkers(_ pids: [Int]) {
    for pid in pids where pid > 1 { kill(pid_t(pid), SIGKILL) }
}
