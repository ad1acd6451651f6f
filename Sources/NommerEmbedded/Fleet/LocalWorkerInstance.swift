import Foundation
import GRDB
import NommerCore
import NommerLive

/// A local worker process's own row in the `instances` table.
public struct LocalWorkerInstance: WorkerInstance {
    public let id: InstanceID
    let database: EmbeddedDatabase
    let clock: any LiveClock

    public init(id: InstanceID, database: EmbeddedDatabase, clock: any LiveClock = SystemClock()) {
        self.id = id
        self.database = database
        self.clock = clock
    }

    /// Marks the instance running with this process's pid (a worker started
    /// by hand, not by feederd, adds its own row).
    public func started() async throws(BackendError) {
        let now = clock.now()
        let pid = Int(ProcessInfo.processInfo.processIdentifier)
        let id = self.id
        try await database.write { db in
            try db.execute(sql: """
                INSERT INTO instances (id, pid, state, launched_at, heartbeat_at) VALUES (?, ?, 'running', ?, ?)
                ON CONFLICT(id) DO UPDATE SET pid = excluded.pid, heartbeat_at = excluded.heartbeat_at,
                    state = CASE WHEN instances.state = 'booting' THEN 'running' ELSE instances.state END
                """, arguments: [id.rawValue, pid, now, now])
        }
    }

    public func alive() async throws(BackendError) {
        let now = clock.now()
        let id = self.id
        try await database.write { db in
            try db.execute(sql: "UPDATE instances SET heartbeat_at = ? WHERE id = ?", arguments: [now, id.rawValue])
        }
    }

    public func terminate(reason: String) async throws(BackendError) {
        let now = clock.now()
        let id = self.id
        try await database.write { db in
            try db.execute(sql: """
                UPDATE instances SET state = 'terminated', terminated_at = ?, reason = COALESCE(reason, ?)
                WHERE id = ? AND state != 'terminated'
                """, arguments: [now, reason, id.rawValue])
        }
    }
}
