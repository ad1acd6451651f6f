import GRDB
import NommerCore

/// The ``JobStore`` port on the embedded database's `jobs` table. Every read
/// is consistent (SQLite sees every committed write). A write over a finished
/// record is dropped: a finished job stays finished.
public struct SQLiteJobStore: JobStore {
    let database: EmbeddedDatabase

    public init(database: EmbeddedDatabase) { self.database = database }

    public func put(_ job: EncodingJob) async throws(BackendError) {
        try await database.write { db in _ = try JobRow.put(job, in: db) }
    }

    public func get(_ id: JobID, consistent: Bool) async throws(BackendError) -> EncodingJob? {
        try await database.read { db in try JobRow.fetch(id, in: db) }
    }

    /// Several records in one read; ids the store does not have are left out.
    public func get(_ ids: [JobID]) async throws(BackendError) -> [EncodingJob] {
        try await database.read { db in try ids.compactMap { try JobRow.fetch($0, in: db) } }
    }

    public func selectUnfinished() async throws(BackendError) -> [EncodingJob] {
        try await database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(JobRow.columns) FROM jobs
                WHERE state IN ('PENDING', 'DOWNLOADING', 'ENCODING', 'UPLOADING') ORDER BY created_at, id
                """).map { try JobRow.decode($0) }
        }
    }
}
