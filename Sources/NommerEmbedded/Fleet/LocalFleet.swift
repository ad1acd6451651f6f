#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import GRDB
import Logging
import NommerCore
import NommerLive

/// The ``Fleet`` port as local worker processes: an instance is a
/// `nommer-sim worker --instance-id ID ...` process started by feederd and
/// recorded in the `instances` table.
///
/// - `launch` inserts a row (booting) and starts the process; the worker
///   marks itself running when it has booted (after its boot delay).
/// - `describe` notices instances that died (its own children through
///   waitpid; processes adopted after a feederd restart by their pid and
///   their heartbeat) and records them terminated, so the policy replaces them.
/// - `terminate` asks the worker to stop (SIGTERM: it finishes its jobs or
///   releases their messages) and sends SIGKILL after ``Settings/stopGraceSeconds``.
public final class LocalFleet: Fleet, @unchecked Sendable {
    /// How worker processes are started and watched.
    public struct Settings: Sendable {
        /// The `nommer-sim` executable.
        public var executable: String
        /// Arguments before the instance id: `worker --backend embedded --data-dir DIR ...`.
        public var workerArguments: [String]
        /// Most worker processes alive at once; launches beyond are refused (fewer are started).
        public var maxInstances: Int
        /// A worker whose heartbeat is older than this is taken for hung and killed, in seconds.
        public var heartbeatTimeoutSeconds: Double = 30
        /// How long a stopping worker may take before SIGKILL, in seconds.
        public var stopGraceSeconds: Double = 30
        /// Boot delay the workers are started with, in seconds (counts toward the heartbeat timeout).
        public var bootDelaySeconds: Double = 0

        public init(executable: String, workerArguments: [String], maxInstances: Int) {
            self.executable = executable
            self.workerArguments = workerArguments
            self.maxInstances = maxInstances
        }
    }

    public let settings: Settings
    let database: EmbeddedDatabase
    let clock: any LiveClock
    let logger: Logger
    private let lock = NSLock()
    /// pids of the processes this feederd started (reaped with waitpid).
    private var children: Set<pid_t> = []

    public init(database: EmbeddedDatabase, settings: Settings, clock: any LiveClock = SystemClock(),
                logger: Logger = Logger(label: "nommer.fleet")) {
        self.database = database
        self.settings = settings
        self.clock = clock
        self.logger = logger
    }

    /// Where instance `id` writes its log.
    public func logPath(for id: InstanceID) -> String {
        (database.directory as NSString).appendingPathComponent("logs/\(id.rawValue).log")
    }

    public func describe() async throws(BackendError) -> [InstanceDescription] {
        reapExitedChildren()
        let rows = try await liveRows()
        let now = clock.now()
        var alive: [InstanceDescription] = []
        var ended: [(InstanceID, String)] = []
        for row in rows {
            if let reason = deathReason(of: row, now: now) {
                ended.append((row.id, reason))
                continue
            }
            if row.state == .stopping, let asked = row.stopRequestedAt, now - asked > settings.stopGraceSeconds,
               let pid = row.pid {
                ChildProcess.signal(pid, SIGKILL)
                logger.warning("worker did not stop in time: killed", metadata: ["instance": "\(row.id)"])
            }
            alive.append(InstanceDescription(id: row.id, state: row.state, launchedAt: row.launchedAt))
        }
        for (id, reason) in ended {
            logger.notice("worker ended", metadata: ["instance": "\(id)", "reason": "\(reason)"])
            try await markTerminated(id, reason: reason)
            // A killed or crashed worker leaves its jobs' downloads and partial outputs behind.
            try? FileManager.default.removeItem(atPath: LiveWorker.Options.workspaceRoot(
                dataDirectory: database.directory, instance: id.rawValue))
        }
        return alive
    }

    public func launch(count: Int) async throws(BackendError) -> [InstanceID] {
        let liveCount = try await describe().count
        let room = max(0, settings.maxInstances - liveCount)
        let wanted = min(count, room)
        guard wanted > 0 else {
            if count > 0 { throw .instanceLimitExceeded(requested: count, available: room) }
            return []
        }
        try? FileManager.default.createDirectory(
            atPath: (database.directory as NSString).appendingPathComponent("logs"), withIntermediateDirectories: true)
        var launched: [InstanceID] = []
        for _ in 0..<wanted {
            let id = InstanceID("w-" + UUID().uuidString.lowercased().prefix(8))
            let now = clock.now()
            try await database.write { db in
                try db.execute(sql: "INSERT INTO instances (id, state, launched_at) VALUES (?, 'booting', ?)",
                               arguments: [id.rawValue, now])
            }
            let pid: pid_t
            do {
                pid = try ChildProcess.spawn(executable: settings.executable,
                                             arguments: settings.workerArguments + ["--instance-id", id.rawValue],
                                             logPath: logPath(for: id))
            } catch {
                try await markTerminated(id, reason: "could not start: \(error.localizedDescription)")
                throw .service(code: "LaunchFailed", message: error.localizedDescription)
            }
            lock.withLock { _ = children.insert(pid) }
            try await database.write { db in
                try db.execute(sql: "UPDATE instances SET pid = ? WHERE id = ?", arguments: [Int(pid), id.rawValue])
            }
            logger.info("worker launched", metadata: ["instance": "\(id)", "pid": "\(pid)"])
            launched.append(id)
        }
        return launched
    }

    public func terminate(_ ids: [InstanceID]) async throws(BackendError) {
        let now = clock.now()
        for id in ids {
            let pid = try await database.write { db -> Int? in
                try db.execute(sql: """
                    UPDATE instances SET state = 'stopping', stop_requested_at = COALESCE(stop_requested_at, ?)
                    WHERE id = ? AND state != 'terminated'
                    """, arguments: [now, id.rawValue])
                guard db.changesCount > 0 else { return nil }
                return try Int.fetchOne(db, sql: "SELECT pid FROM instances WHERE id = ?", arguments: [id.rawValue])
            }
            guard let pid else { throw .unknownInstance(id) }
            ChildProcess.signal(pid_t(pid), SIGTERM)
            logger.info("worker asked to stop", metadata: ["instance": "\(id)", "pid": "\(pid)"])
        }
    }

    /// Stops every worker: SIGTERM, then waits up to the grace period
    /// (polling, not sleeping blindly), then SIGKILL to the rest.
    public func stopAll() async {
        guard let instances = try? await describe(), !instances.isEmpty else { return }
        try? await terminate(instances.map(\.id))
        let deadline = ContinuousClock.now + .milliseconds(Int64(settings.stopGraceSeconds * 1000))
        while ContinuousClock.now < deadline {
            guard let left = try? await describe(), !left.isEmpty else { return }
            try? await Task.sleep(for: .milliseconds(100))
        }
        for row in (try? await liveRows()) ?? [] {
            if let pid = row.pid { ChildProcess.signal(pid, SIGKILL) }
        }
        _ = try? await describe()
    }

    /// Every instance ever launched in this data directory, terminated ones
    /// included, oldest first (for status and tests).
    public func records() async throws(BackendError) -> [InstanceRecord] {
        try await database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, pid, state, launched_at, terminated_at, reason FROM instances ORDER BY launched_at, id
                """).map { row in
                InstanceRecord(id: InstanceID(row["id"]), pid: row["pid"], state: row["state"],
                               launchedAt: row["launched_at"], terminatedAt: row["terminated_at"], reason: row["reason"])
            }
        }
    }

    // MARK: - Rows

    struct InstanceRow: Sendable {
        var id: InstanceID
        var pid: pid_t?
        var state: InstanceState
        var launchedAt: Seconds
        var heartbeatAt: Seconds?
        var stopRequestedAt: Seconds?
    }

    func liveRows() async throws(BackendError) -> [InstanceRow] {
        try await database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, pid, state, launched_at, heartbeat_at, stop_requested_at FROM instances
                WHERE state != 'terminated' ORDER BY launched_at, id
                """).map { row in
                let pid: Int? = row["pid"]
                return InstanceRow(id: InstanceID(row["id"]), pid: pid.map { pid_t($0) },
                                   state: InstanceState(rawValue: row["state"]) ?? .running,
                                   launchedAt: row["launched_at"], heartbeatAt: row["heartbeat_at"],
                                   stopRequestedAt: row["stop_requested_at"])
            }
        }
    }

    /// Collects the exit of every child that ended, whatever its row says (a
    /// worker that terminated itself has already marked its row).
    private func reapExitedChildren() {
        lock.withLock {
            for pid in children {
                if case .exited = ChildProcess.status(of: pid) { children.remove(pid) }
            }
        }
    }

    /// Why this instance is no longer alive, or nil if it is.
    private func deathReason(of row: InstanceRow, now: Seconds) -> String? {
        guard let pid = row.pid else {
            // Launched but never started (feederd died in between): give up after the timeout.
            return now - row.launchedAt > settings.heartbeatTimeoutSeconds ? "never started" : nil
        }
        let isChild = lock.withLock { children.contains(pid) }
        switch ChildProcess.status(of: pid) {
        case let .exited(how):
            lock.withLock { _ = children.remove(pid) }
            return how
        case .gone:
            return "process \(pid) is gone"
        case .running:
            if !isChild && !ChildProcess.commandLine(of: pid, contains: row.id.rawValue) {
                return "pid \(pid) now belongs to another program"
            }
        }
        let lastSign = row.heartbeatAt ?? (row.launchedAt + settings.bootDelaySeconds)
        if now - lastSign > settings.heartbeatTimeoutSeconds {
            ChildProcess.signal(pid, SIGKILL)
            return "no heartbeat for \(Int(now - lastSign)) s: killed"
        }
        return nil
    }

    private func markTerminated(_ id: InstanceID, reason: String) async throws(BackendError) {
        let now = clock.now()
        try await database.write { db in
            try db.execute(sql: """
                UPDATE instances SET state = 'terminated', terminated_at = ?, reason = COALESCE(reason, ?)
                WHERE id = ? AND state != 'terminated'
                """, arguments: [now, reason, id.rawValue])
        }
    }
}

/// One row of the `instances` table.
public struct InstanceRecord: Sendable, Equatable {
    public let id: InstanceID
    /// The worker process's pid, once started.
    public let pid: Int?
    /// `booting`, `running`, `stopping` or `terminated`.
    public let state: String
    /// When it was launched, in seconds since the epoch.
    public let launchedAt: Seconds
    public let terminatedAt: Seconds?
    /// Why it ended (`idle`, `drained`, `released`, an exit status, ...).
    public let reason: String?

    public var isAlive: Bool { state != "terminated" }
}
