import GRDB

/// The tables of the embedded backend. Created with `IF NOT EXISTS` in one
/// transaction, so any process may open a new data directory first.
enum EmbeddedSchema {
    static func create(_ db: Database) throws {
        // Job records: one row per job, the fields of EncodingJob.
        try db.execute(sql: """
            CREATE TABLE IF NOT EXISTS jobs (
                id TEXT PRIMARY KEY NOT NULL,
                source_uri TEXT NOT NULL,
                destination_uri TEXT NOT NULL,
                nommer TEXT NOT NULL,
                options_json TEXT NOT NULL,
                notify_url TEXT,
                notify_style TEXT NOT NULL,
                state TEXT NOT NULL,
                state_details TEXT,
                created_at REAL NOT NULL,
                last_modified_at REAL NOT NULL,
                started_at REAL,
                attempts INTEGER NOT NULL
            );
            CREATE INDEX IF NOT EXISTS jobs_by_state ON jobs(state, created_at);
            CREATE INDEX IF NOT EXISTS jobs_by_creation ON jobs(created_at);
            """)
        // Both queues: a message is visible when visible_at <= now; receipt
        // is the handle of its latest receive (NULL before the first).
        try db.execute(sql: """
            CREATE TABLE IF NOT EXISTS messages (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                queue TEXT NOT NULL,
                job_id TEXT NOT NULL,
                sent_at REAL NOT NULL,
                visible_at REAL NOT NULL,
                receipt TEXT UNIQUE,
                receive_count INTEGER NOT NULL DEFAULT 0
            );
            CREATE INDEX IF NOT EXISTS messages_by_visibility ON messages(queue, visible_at, id);
            """)
        // The local fleet: one row per worker process ever launched.
        try db.execute(sql: """
            CREATE TABLE IF NOT EXISTS instances (
                id TEXT PRIMARY KEY NOT NULL,
                pid INTEGER,
                state TEXT NOT NULL,
                launched_at REAL NOT NULL,
                heartbeat_at REAL,
                stop_requested_at REAL,
                terminated_at REAL,
                reason TEXT
            );
            CREATE INDEX IF NOT EXISTS instances_by_state ON instances(state);
            """)
    }
}
