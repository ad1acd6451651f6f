import Foundation
import GRDB
import NommerCore
import NommerLive

/// The ``JobService`` of the embedded backend.
///
/// `submit` writes the PENDING record, its message on the new-job queue and a
/// message on the state-change queue (so the feeder caches the job at once, as
/// the simulator's feeder does when it submits) in ONE transaction: when it
/// returns, all three are durable; when it throws, none was written.
public struct EmbeddedJobService: JobService {
    let database: EmbeddedDatabase
    let clock: any LiveClock

    public init(database: EmbeddedDatabase, clock: any LiveClock = SystemClock()) {
        self.database = database
        self.clock = clock
    }

    /// A new job id: 32 random hex digits (media-nommer used a 50-character digest).
    public static func makeJobID() -> JobID {
        JobID(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))
    }

    public func submit(_ request: JobRequest) async throws(BackendError) -> EncodingJob {
        let job = EncodingJob(id: Self.makeJobID(), sourceURI: request.sourceURI, destinationURI: request.destinationURI,
                              nommer: request.nommer, jobOptionsJSON: request.optionsJSON,
                              notifyURL: request.notifyURL, notifyStyle: request.notifyStyle, createdAt: clock.now())
        let now = job.createdAt
        try await database.write { db in
            try db.execute(sql: "INSERT INTO jobs (\(JobRow.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           arguments: JobRow.arguments(job))
            try SQLiteJobQueue.send(job.id, queue: EmbeddedQueueName.newJobs, at: now, in: db)
            try SQLiteJobQueue.send(job.id, queue: EmbeddedQueueName.stateChanges, at: now, in: db)
        }
        return job
    }

    public func job(_ id: JobID) async throws(BackendError) -> EncodingJob? {
        try await database.read { db in try JobRow.fetch(id, in: db) }
    }

    public func jobs(in state: JobState?, limit: Int) async throws(BackendError) -> [EncodingJob] {
        let limit = max(0, limit)
        return try await database.read { db in
            let rows: [Row]
            if let state {
                rows = try Row.fetchAll(db, sql: """
                    SELECT \(JobRow.columns) FROM jobs WHERE state = ? ORDER BY created_at DESC, id DESC LIMIT ?
                    """, arguments: [state.rawValue, limit])
            } else {
                rows = try Row.fetchAll(db, sql: """
                    SELECT \(JobRow.columns) FROM jobs ORDER BY created_at DESC, id DESC LIMIT ?
                    """, arguments: [limit])
            }
            return try rows.map { try JobRow.decode($0) }
        }
    }

    public func cancel(_ id: JobID) async throws(BackendError) -> EncodingJob {
        let now = clock.now()
        return try await database.write { db in
            guard var job = try JobRow.fetch(id, in: db) else { throw BackendError.jobNotFound(id) }
            guard !job.isFinished else { return job }
            try job.transition(to: .error, details: "cancelled", at: now)
            try JobRow.put(job, in: db)
            try SQLiteJobQueue.send(id, queue: EmbeddedQueueName.stateChanges, at: now, in: db)
            return job
        }
    }
}

/// The embedded backend's queue names.
public enum EmbeddedQueueName {
    public static let newJobs = "jobs"
    public static let stateChanges = "states"
}
