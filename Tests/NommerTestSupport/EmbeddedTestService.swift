import Foundation
import NommerCore
import NommerEmbedded
import NommerLive

/// The embedded backend's job service on a new SQLite file in a temporary
/// folder: the real store behind the API tests, with the requests it stored
/// read back from the file.
public final class EmbeddedTestService: JobService {
    /// The temporary folder holding the database; removed on deinit.
    public let directory: String
    private let service: EmbeddedJobService

    public init() throws {
        directory = NSTemporaryDirectory() + "api-db-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        service = EmbeddedJobService(database: try EmbeddedDatabase(directory: directory))
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    /// Every stored job's request, oldest first.
    public var submitted: [JobRequest] {
        get async throws {
            try await service.jobs(in: nil, limit: 10_000).reversed().map {
                JobRequest(sourceURI: $0.sourceURI, destinationURI: $0.destinationURI, nommer: $0.nommer,
                           optionsJSON: $0.jobOptionsJSON, notifyURL: $0.notifyURL, notifyStyle: $0.notifyStyle)
            }
        }
    }

    public func submit(_ request: JobRequest) async throws(BackendError) -> EncodingJob { try await service.submit(request) }
    public func job(_ id: JobID) async throws(BackendError) -> EncodingJob? { try await service.job(id) }
    public func jobs(in state: JobState?, limit: Int) async throws(BackendError) -> [EncodingJob] {
        try await service.jobs(in: state, limit: limit)
    }
    public func cancel(_ id: JobID) async throws(BackendError) -> EncodingJob { try await service.cancel(id) }
}
