import Foundation
import NommerAWS
import NommerCore
import NommerLive

/// The ``JobService`` of the AWS backend.
///
/// SQS and the job store share no transaction, so `submit` orders its writes:
/// 1. put the PENDING record (a failure: nothing was written, the client gets the error);
/// 2. send the id on the new-job queue (a failure: the record is marked ERROR
///    "submit failed: ..." at once, best effort, and the client gets the error;
///    the job was never acknowledged);
/// 3. send the id on the state-change queue, so the feeder caches the job at
///    once (a failure is ignored: the job is stored and queued, so it is
///    acknowledged; the feeder learns of it from the worker's first change).
/// A job is acknowledged only after 1 and 2 succeeded: it is never lost. If
/// step 2 fails and the ERROR write fails too, a PENDING record without a
/// message is left; the client was told the submit failed. A feederd started
/// later loads it with the unfinished jobs and ends it ABANDONED after
/// `feeder.abandon_after_seconds`; it is not re-enqueued.
public struct AWSJobService: JobService {
    let store: any JobStore
    let newJobQueue: any JobQueue
    let stateChangeQueue: any JobQueue
    let clock: any LiveClock

    public init(store: any JobStore, newJobQueue: any JobQueue, stateChangeQueue: any JobQueue,
                clock: any LiveClock = SystemClock()) {
        self.store = store
        self.newJobQueue = newJobQueue
        self.stateChangeQueue = stateChangeQueue
        self.clock = clock
    }

    /// A new job id: 32 random hex digits.
    static func makeJobID() -> JobID {
        JobID(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))
    }

    public func submit(_ request: JobRequest) async throws(BackendError) -> EncodingJob {
        let job = EncodingJob(id: Self.makeJobID(), sourceURI: request.sourceURI, destinationURI: request.destinationURI,
                              nommer: request.nommer, jobOptionsJSON: request.optionsJSON,
                              notifyURL: request.notifyURL, notifyStyle: request.notifyStyle, createdAt: clock.now())
        try await store.put(job)
        do {
            try await newJobQueue.send(job.id)
        } catch {
            var failed = job
            if (try? failed.transition(to: .error, details: "submit failed: \(error)", at: clock.now())) != nil {
                try? await store.put(failed)
            }
            throw error
        }
        try? await stateChangeQueue.send(job.id)
        return job
    }

    public func job(_ id: JobID) async throws(BackendError) -> EncodingJob? {
        try await store.get(id, consistent: true)
    }

    /// Unfinished states come from the unfinished-jobs index; finished ones
    /// (and all jobs) list the whole table (``JobListing``).
    public func jobs(in state: JobState?, limit: Int) async throws(BackendError) -> [EncodingJob] {
        let limit = max(0, limit)
        var jobs: [EncodingJob]
        if let state, !state.isFinished {
            jobs = try await store.selectUnfinished().filter { $0.state == state }
        } else if let listing = store as? any JobListing {
            jobs = try await listing.allJobs()
            if let state { jobs = jobs.filter { $0.state == state } }
        } else {
            jobs = try await store.selectUnfinished()
        }
        jobs.sort { ($0.createdAt, $0.id.rawValue) > ($1.createdAt, $1.id.rawValue) }
        return Array(jobs.prefix(limit))
    }

    public func cancel(_ id: JobID) async throws(BackendError) -> EncodingJob {
        guard var job = try await store.get(id, consistent: true) else { throw .jobNotFound(id) }
        guard !job.isFinished else { return job }
        do {
            try job.transition(to: .error, details: "cancelled", at: clock.now())
        } catch {
            return job
        }
        try await store.put(job)
        try await stateChangeQueue.send(id)
        return job
    }
}
