import Foundation
import NommerCore

/// A job as the HTTP API and the JSON callback show it (snake_case keys,
/// times in seconds since 1970, options as the JSON object they were given).
public struct JobJSON: Codable, Sendable, Equatable {
    public var id: String
    public var state: String
    public var stateDetails: String?
    public var source: String
    public var destination: String
    public var nommer: String
    public var options: JSONValue
    public var notifyURL: String?
    public var notify: String
    /// Seconds since 1970.
    public var createdAt: Double
    /// Seconds since 1970.
    public var lastModifiedAt: Double
    /// Seconds since 1970; absent while PENDING.
    public var startedAt: Double?
    public var attempts: Int

    enum CodingKeys: String, CodingKey {
        case id, state, source, destination, nommer, options, notify, attempts
        case stateDetails = "state_details"
        case notifyURL = "notify_url"
        case createdAt = "created_at"
        case lastModifiedAt = "last_modified_at"
        case startedAt = "started_at"
    }

    public init(_ job: EncodingJob) {
        id = job.id.rawValue
        state = job.state.rawValue
        stateDetails = job.stateDetails
        source = job.sourceURI
        destination = job.destinationURI
        nommer = job.nommer
        options = (try? JSONDecoder().decode(JSONValue.self, from: Data(job.jobOptionsJSON.utf8))) ?? .string(job.jobOptionsJSON)
        notifyURL = job.notifyURL
        notify = job.notifyStyle.rawValue
        createdAt = Double(job.createdAt)
        lastModifiedAt = Double(job.lastModifiedAt)
        startedAt = job.startedAt.map { Double($0) }
        attempts = job.attempts
    }

    /// The job as compact JSON with sorted keys.
    public static func encode(_ job: EncodingJob) -> Data {
        encode(JobJSON(job))
    }

    /// Any encodable value as compact JSON with sorted keys.
    public static func encode<T: Encodable>(_ value: T) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)) ?? Data("{}".utf8)
    }
}
