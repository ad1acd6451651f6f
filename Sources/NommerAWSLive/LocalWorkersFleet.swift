#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Logging
import NommerCore
import NommerLive

/// A fleet decorator for tests and demonstrations against an AWS-compatible
/// endpoint that launches nothing real (moto): every instance the wrapped
/// fleet (EC2) launches gets a LOCAL worker process started for it
/// (`nommer-sim worker --backend aws --instance-id i-...`), so the instance
/// ids, the fleet tag, describe and terminate stay EC2's. feederd uses it
/// only when given `--local-workers`.
///
/// The processes are feederd's children, in its process group (posix_spawn,
/// signal dispositions reset, output appended to `logDirectory/ID.log`).
/// `terminate` terminates through EC2 and sends the local process SIGTERM; a
/// worker that terminates itself (idle) calls TerminateInstances and exits.
/// `stopAll` (feederd stopping) sends SIGTERM to every local worker still
/// running, then SIGKILL after the grace period.
///
/// An instance whose local worker is gone (killed, crashed) would count as
/// capacity for ever while its jobs wait: `describe` terminates it through
/// EC2 and leaves it out, so the policy launches a replacement. Workers
/// started by an earlier feederd (before a restart) are found by their
/// command line (`--instance-id ID`) and adopted.
public final class LocalWorkersFleet: Fleet, @unchecked Sendable {
    let ec2: any Fleet
    let executable: String
    let arguments: @Sendable (InstanceID) -> [String]
    let logDirectory: String
    let stopGraceSeconds: Double
    let logger: Logger
    /// The running local processes by instance; guarded by `lock`.
    private var processes: [InstanceID: pid_t] = [:]
    private let lock = NSLock()

    /// `arguments(id)` are the worker's arguments for instance `id`.
    public init(wrapping ec2: any Fleet, executable: String, arguments: @escaping @Sendable (InstanceID) -> [String],
                logDirectory: String, stopGraceSeconds: Double = 30, logger: Logger) {
        self.ec2 = ec2
        self.executable = executable
        self.arguments = arguments
        self.logDirectory = logDirectory
        self.stopGraceSeconds = stopGraceSeconds
        self.logger = logger
    }

    private func withProcesses<T>(_ body: (inout [InstanceID: pid_t]) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&processes)
    }

    /// Reaps the local workers that exited (ours, or adopted ones that are
    /// gone); returns those still running.
    private func reap() -> [InstanceID: pid_t] {
        withProcesses { table in
            for (id, pid) in table where ChildProcess.status(of: pid) != .running { table[id] = nil }
            return table
        }
    }

    public func describe() async throws(BackendError) -> [InstanceDescription] {
        let running = reap()
        let instances = try await ec2.describe()
        var dead: [InstanceID] = []
        for instance in instances where instance.state != .stopping && running[instance.id] == nil {
            if let pid = Self.workerProcess(for: instance.id) {
                withProcesses { $0[instance.id] = pid } // started by an earlier feederd: adopted
            } else {
                dead.append(instance.id)
            }
        }
        guard !dead.isEmpty else { return instances }
        logger.warning("local workers gone: terminating their instances", metadata: ["ids": "\(dead.map(\.rawValue))"])
        try? await ec2.terminate(dead)
        return instances.filter { !dead.contains($0.id) }
    }

    /// The pid of a running `nommer-sim worker ... --instance-id ID`, from /proc.
    static func workerProcess(for id: InstanceID) -> pid_t? {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for entry in entries {
            guard let pid = pid_t(entry),
                  let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline") else { continue }
            let arguments = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            guard arguments.contains("worker"), let flag = arguments.firstIndex(of: "--instance-id"),
                  flag + 1 < arguments.count, arguments[flag + 1] == id.rawValue else { continue }
            if ChildProcess.status(of: pid) == .running { return pid }
        }
        return nil
    }

    public func launch(count: Int) async throws(BackendError) -> [InstanceID] {
        let ids = try await ec2.launch(count: count)
        try? FileManager.default.createDirectory(atPath: logDirectory, withIntermediateDirectories: true)
        for id in ids {
            let logPath = (logDirectory as NSString).appendingPathComponent("\(id.rawValue).log")
            do {
                let pid = try ChildProcess.spawn(executable: executable, arguments: arguments(id), logPath: logPath)
                withProcesses { $0[id] = pid }
                logger.info("local worker started", metadata: ["instance": "\(id)", "pid": "\(pid)"])
            } catch {
                logger.error("cannot start a local worker", metadata: ["instance": "\(id)", "error": "\(error)"])
            }
        }
        return ids
    }

    public func terminate(_ ids: [InstanceID]) async throws(BackendError) {
        try await ec2.terminate(ids)
        let running = reap()
        for id in ids { if let pid = running[id] { kill(pid, SIGTERM) } }
    }

    /// Stops every local worker still running: SIGTERM, then SIGKILL after the grace period.
    public func stopAll() async {
        for pid in reap().values { kill(pid, SIGTERM) }
        let deadline = ContinuousClock.now + .milliseconds(Int64(stopGraceSeconds * 1000))
        while !reap().isEmpty, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(100))
        }
        for pid in reap().values { kill(pid, SIGKILL) }
        _ = reap()
    }
}
