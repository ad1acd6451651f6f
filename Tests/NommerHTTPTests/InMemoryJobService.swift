import Foundation
import NommerCore
import NommerLive

/// A JobService in memory, for the API tests until the embedded backend's
/// service is merged (the lead may switch these tests to EmbeddedJobService).
actor InMemoryJobService: JobService {
    private var records: [JobID: EncodingJob] = [:]
    private var order: [JobID] = []
    private var counter = 0
    private(set) var submitted: [JobRequest] = []

    func submit(_ request: JobRequest) async throws(BackendError) -> EncodingJob {
        counter += 1
        let id = JobID(String(format: "job%04d", counter))
        let job = EncodingJob(id: id, sourceURI: request.sourceURI, destinationURI: request.destinationURI,
                              nommer: request.nommer, jobOptionsJSON: request.optionsJSON, notifyURL: request.notifyURL,
                              notifyStyle: request.notifyStyle, createdAt: 1_700_000_000 + Double(counter))
        records[id] = job
        order.append(id)
        submitted.append(request)
        return job
    }

    func job(_ id: JobID) async throws(BackendError) -> EncodingJob? { records[id] }

    func jobs(in state: JobState?, limit: Int) async throws(BackendError) -> [EncodingJob] {
        Array(order.reversed().compactMap { records[$0] }.filter { state == nil || $0.state == state }.prefix(limit))
    }

    func cancel(_ id: JobID) async throws(BackendError) -> EncodingJob {
        guard var job = records[id] else { throw .jobNotFound(id) }
        guard !job.isFinished else { return job }
        try? job.transition(to: .error, details: "cancelled", at: job.lastModifiedAt + 1)
        records[id] = job
        return job
    }
}
