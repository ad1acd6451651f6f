#if canImport(Glibc)
import Glibc
#endif
import Foundation

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
        var fileActions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&fileActions)
        defer { posix_spawn_file_actions_destroy(&fileActions) }
        posix_spawn_file_actions_addopen(&fileActions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&fileActions, 1, logPath, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&fileActions, 1, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var merged = ProcessInfo.processInfo.environment
        for (key, value) in environment { merged[key] = value }
        let envp = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in envp { free(pointer) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &fileActions, &attributes, argv, envp)
        guard status == 0 else { throw POSIXError(POSIXErrorCode(rawValue: status) ?? .EIO) }
        self.pid = pid
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
