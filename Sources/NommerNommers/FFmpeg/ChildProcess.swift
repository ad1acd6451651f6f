import Foundation

/// Runs a program with an argument list (never through a shell), reporting
/// output activity, keeping the tail of its stderr, and killing it (SIGKILL)
/// when its time limit passes or the calling task is cancelled.
public struct ChildProcess: Sendable {
    /// How a run ended.
    public enum Ending: Sendable, Equatable {
        case exited(status: Int32, stderrTail: String)
        case killedAtTimeLimit(stderrTail: String)
        case cancelled
        case couldNotStart(String)
    }

    public let executable: String
    public let arguments: [String]
    /// Longest run, in seconds, before the process is killed.
    public let timeLimitSeconds: Double
    /// Bytes of stderr kept for failure details.
    public let stderrTailBytes: Int

    public init(executable: String, arguments: [String], timeLimitSeconds: Double, stderrTailBytes: Int = 2048) {
        self.executable = executable
        self.arguments = arguments
        self.timeLimitSeconds = timeLimitSeconds
        self.stderrTailBytes = stderrTailBytes
    }

    /// Runs the program; `activity` is called whenever it writes to stdout or stderr.
    public func run(activity: @escaping @Sendable () -> Void) async -> Ending {
        if Task.isCancelled { return .cancelled }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        let state = RunState(tailBytes: stderrTailBytes)
        stdout.fileHandleForReading.readabilityHandler = { handle in
            if handle.availableData.isEmpty { handle.readabilityHandler = nil } else { activity() }
        }
        stderr.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            if data.isEmpty { handle.readabilityHandler = nil } else { state.appendStderr(data); activity() }
        }
        let status: Int32? = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Int32?, Never>) in
                process.terminationHandler = { finished in continuation.resume(returning: finished.terminationStatus) }
                do {
                    try process.run()
                } catch {
                    state.startFailure = "\(error)"
                    process.terminationHandler = nil
                    continuation.resume(returning: nil)
                    return
                }
                state.started(pid: process.processIdentifier)
                let limit = timeLimitSeconds
                Thread.detachNewThread {
                    let deadline = Date().addingTimeInterval(limit)
                    while state.isRunning {
                        if Date() >= deadline { state.kill(reason: .timeLimit); return }
                        Thread.sleep(forTimeInterval: min(0.05, max(0.001, deadline.timeIntervalSinceNow)))
                    }
                }
            }
        } onCancel: {
            state.kill(reason: .cancelled)
        }
        state.finished()
        stdout.fileHandleForReading.readabilityHandler = nil
        stderr.fileHandleForReading.readabilityHandler = nil
        if let rest = try? stderr.fileHandleForReading.readToEnd() { state.appendStderr(rest) }
        guard let status else { return .couldNotStart(state.startFailure ?? "could not start \(executable)") }
        switch state.killReason {
        case .cancelled: return .cancelled
        case .timeLimit: return .killedAtTimeLimit(stderrTail: state.stderrTail)
        case nil: return .exited(status: status, stderrTail: state.stderrTail)
        }
    }
}

/// The mutable state of one run, shared with pipe handlers and the watchdog.
private final class RunState: @unchecked Sendable {
    enum KillReason { case timeLimit, cancelled }

    private let lock = NSLock()
    private let tailBytes: Int
    private var stderr = Data()
    private var pid: Int32 = 0
    private var running = false
    private var cancelledEarly = false
    private(set) var killReason: KillReason?
    var startFailure: String?

    init(tailBytes: Int) { self.tailBytes = tailBytes }

    func started(pid: Int32) {
        lock.lock()
        self.pid = pid
        running = true
        let cancelled = cancelledEarly
        lock.unlock()
        if cancelled { kill(reason: .cancelled) }
    }

    func finished() {
        lock.lock(); running = false; lock.unlock()
    }

    var isRunning: Bool { lock.lock(); defer { lock.unlock() }; return running }

    func kill(reason: KillReason) {
        lock.lock()
        defer { lock.unlock() }
        guard running, pid > 0 else {
            if reason == .cancelled { cancelledEarly = true }
            return
        }
        if killReason == nil { killReason = reason }
        _ = Foundation.kill(pid, SIGKILL)
    }

    func appendStderr(_ data: Data) {
        lock.lock()
        stderr.append(data)
        if stderr.count > tailBytes * 2 { stderr = stderr.suffix(tailBytes) }
        lock.unlock()
    }

    var stderrTail: String {
        lock.lock(); defer { lock.unlock() }
        return String(decoding: stderr.suffix(tailBytes), as: UTF8.self)
    }
}
