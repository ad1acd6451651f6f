import GRDB
import NommerCore

/// Reading and writing an ``EncodingJob`` as a row of the `jobs` table.
enum JobRow {
    static let columns = """
        id, source_uri, destination_uri, nommer, options_json, notify_url, notify_style, state, state_details,
        created_at, last_modified_at, started_at, attempts
        """

    static func arguments(_ job: EncodingJob) -> StatementArguments {
        [job.id.rawValue, job.sourceURI, job.destinationURI, job.nommer, job.jobOptionsJSON, job.notifyURL,
         job.notifyStyle.rawValue, job.state.rawValue, job.stateDetails, job.createdAt, job.lastModifiedAt,
         job.startedAt, job.attempts]
    }

    /// Inserts or overwrites the record, unless the stored one is already
    /// finished (a finished record is final, as a conditional write makes it
    /// on SimpleDB or DynamoDB). Returns whether the row was written.
    @discardableResult
    static func put(_ job: EncodingJob, in db: Database) throws -> Bool {
        try db.execute(sql: """
            INSERT INTO jobs (\(columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET
                source_uri = excluded.source_uri, destination_uri = excluded.destination_uri,
                nommer = excluded.nommer, options_json = excluded.options_json,
                notify_url = excluded.notify_url, notify_style = excluded.notify_style,
                state = excluded.state, state_details = excluded.state_details,
                last_modified_at = excluded.last_modified_at, started_at = excluded.started_at,
                attempts = excluded.attempts
            WHERE jobs.state NOT IN ('FINISHED', 'ERROR', 'ABANDONED')
            """, arguments: arguments(job))
        return db.changesCount > 0
    }

    static func fetch(_ id: JobID, in db: Database) throws -> EncodingJob? {
        try Row.fetchOne(db, sql: "SELECT \(columns) FROM jobs WHERE id = ?", arguments: [id.rawValue])
            .map { try decode($0) }
    }

    static func decode(_ row: Row) throws -> EncodingJob {
        let stateText: String = row["state"]
        let styleText: String = row["notify_style"]
        guard let state = JobState(rawValue: stateText) else {
            throw BackendError.service(code: "CorruptRecord", message: "job \(row["id"] as String): unknown state \(stateText)")
        }
        return EncodingJob(
            id: JobID(row["id"]),
            sourceURI: row["source_uri"],
            destinationURI: row["destination_uri"],
            nommer: row["nommer"],
            jobOptionsJSON: row["options_json"],
            notifyURL: row["notify_url"],
            notifyStyle: NotifyStyle(rawValue: styleText) ?? .json,
            state: state,
            stateDetails: row["state_details"],
            createdAt: row["created_at"],
            lastModifiedAt: row["last_modified_at"],
            startedAt: row["started_at"],
            attempts: row["attempts"])
    }
}
