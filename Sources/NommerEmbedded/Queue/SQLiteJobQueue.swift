import Foundation
import GRDB
import NommerCore
import NommerLive

/// The ``JobQueue`` port on the embedded database's `messages` table, with
/// SQS semantics:
/// - a receive hides each message it returns for the visibility timeout and
///   gives it a new receipt handle (the previous one goes stale);
/// - a message not deleted in time becomes visible again (at-least-once);
/// - at most ``maximumReceiveBatch`` messages per receive, oldest first;
/// - `waitSeconds` > 0 long-polls: the table is polled every
///   ``pollIntervalSeconds`` until a message is visible or the wait is over;
/// - counts are exact at the moment of the read (SQS's are approximate).
///
/// Message ids are the table's row ids; message times come from `clock`.
public struct SQLiteJobQueue: JobQueue {
    /// The queue's name (`jobs` for new jobs, `states` for state changes).
    public let name: String
    let database: EmbeddedDatabase
    let clock: any LiveClock
    /// How often a long poll looks at the table, in seconds.
    public var pollIntervalSeconds: Double = 0.05

    public init(name: String, database: EmbeddedDatabase, clock: any LiveClock = SystemClock()) {
        self.name = name
        self.database = database
        self.clock = clock
    }

    public func send(_ job: JobID) async throws(BackendError) {
        let now = clock.now()
        let name = self.name
        try await database.write { db in try Self.send(job, queue: name, at: now, in: db) }
    }

    /// Inserts a message inside a caller's transaction (how a submit stores
    /// and enqueues atomically).
    static func send(_ job: JobID, queue: String, at now: Seconds, in db: Database) throws {
        try db.execute(sql: "INSERT INTO messages (queue, job_id, sent_at, visible_at) VALUES (?, ?, ?, ?)",
                       arguments: [queue, job.rawValue, now, now])
    }

    public func receive(max: Int, visibilityTimeoutSeconds: Seconds, waitSeconds: Seconds) async throws(BackendError) -> [QueueMessage] {
        guard max >= 1, max <= maximumReceiveBatch else {
            throw .batchTooLarge(requested: max, limit: maximumReceiveBatch)
        }
        let deadline = ContinuousClock.now + .milliseconds(Int64((Swift.max(0, waitSeconds) * 1000).rounded()))
        while true {
            let messages = try await receiveOnce(max: max, visibilityTimeoutSeconds: visibilityTimeoutSeconds)
            if !messages.isEmpty || ContinuousClock.now >= deadline || Task.isCancelled { return messages }
            do {
                try await Task.sleep(for: .milliseconds(Int64(pollIntervalSeconds * 1000)))
            } catch {
                return [] // Cancelled: an unanswered long poll.
            }
        }
    }

    private func receiveOnce(max: Int, visibilityTimeoutSeconds: Seconds) async throws(BackendError) -> [QueueMessage] {
        let now = clock.now()
        let name = self.name
        return try await database.write { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT id, job_id, sent_at, receive_count FROM messages
                WHERE queue = ? AND visible_at <= ? ORDER BY visible_at, id LIMIT ?
                """, arguments: [name, now, max])
            var messages: [QueueMessage] = []
            messages.reserveCapacity(rows.count)
            for row in rows {
                let id: Int64 = row["id"]
                let count: Int = row["receive_count"] + 1
                let receipt = "\(name)-\(id)-\(count)-\(UUID().uuidString.lowercased())"
                try db.execute(sql: "UPDATE messages SET receipt = ?, visible_at = ?, receive_count = ? WHERE id = ?",
                               arguments: [receipt, now + visibilityTimeoutSeconds, count, id])
                messages.append(QueueMessage(messageID: String(id), receiptHandle: ReceiptHandle(receipt),
                                             jobID: JobID(row["job_id"]), receiveCount: count, sentAt: row["sent_at"]))
            }
            return messages
        }
    }

    /// Deletes the message this receipt names; a stale receipt (the message
    /// was received again since) or a deleted message throws
    /// ``BackendError/invalidReceiptHandle(_:)``.
    public func delete(_ receipt: ReceiptHandle) async throws(BackendError) {
        let deleted = try await database.write { db in
            try db.execute(sql: "DELETE FROM messages WHERE receipt = ?", arguments: [receipt.rawValue])
            return db.changesCount
        }
        if deleted == 0 { throw .invalidReceiptHandle(receipt) }
    }

    /// Hides the message for `timeoutSeconds` from now (0: visible at once).
    /// Only a message in flight under this receipt can be changed.
    public func changeVisibility(_ receipt: ReceiptHandle, timeoutSeconds: Seconds) async throws(BackendError) {
        let now = clock.now()
        let changed = try await database.write { db in
            try db.execute(sql: "UPDATE messages SET visible_at = ? WHERE receipt = ? AND visible_at > ?",
                           arguments: [now + Swift.max(0, timeoutSeconds), receipt.rawValue, now])
            return db.changesCount
        }
        if changed == 0 { throw .invalidReceiptHandle(receipt) }
    }

    public func counts() async throws(BackendError) -> QueueCounts {
        let now = clock.now()
        let name = self.name
        return try await database.read { db in
            let visible = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM messages WHERE queue = ? AND visible_at <= ?",
                                           arguments: [name, now]) ?? 0
            let inFlight = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM messages WHERE queue = ? AND visible_at > ?",
                                            arguments: [name, now]) ?? 0
            return QueueCounts(visible: visible, inFlight: inFlight)
        }
    }
}
