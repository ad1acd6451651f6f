import NommerCore

/// A SimpleDB domain as the core's ``JobStore`` port, as media-nommer kept
/// its jobs: one item per job, named by its id, every field an attribute
/// (numbers as decimal text; an absent optional field as an empty string).
/// Every attribute is checked against SimpleDB's 1024-byte limit before
/// anything is sent; unfinished jobs come from a Select, page by page.
public struct SimpleDBJobStore: JobStore {
    public let sdb: SimpleDBClient
    public let domain: String

    public init(sdb: SimpleDBClient, domain: String) {
        self.sdb = sdb
        self.domain = domain
    }

    static func attributes(_ job: EncodingJob) -> [(name: String, value: String)] {
        [
            ("source_uri", job.sourceURI), ("destination_uri", job.destinationURI), ("nommer", job.nommer),
            ("job_options", job.jobOptionsJSON), ("notify_url", job.notifyURL ?? ""),
            ("notify_style", job.notifyStyle.rawValue), ("job_state", job.state.rawValue),
            ("job_state_details", job.stateDetails ?? ""), ("creation_dtime", String(job.createdAt)),
            ("last_modified_dtime", String(job.lastModifiedAt)),
            ("started_dtime", job.startedAt.map { String($0) } ?? ""), ("attempts", String(job.attempts)),
        ]
    }

    static func job(id: String, _ attributes: [String: String], domain: String) throws(AWSError) -> EncodingJob {
        func value(_ name: String) throws(AWSError) -> String {
            guard let text = attributes[name] else {
                throw .invalidResponse("domain \(domain), item \(id): attribute \(name) missing")
            }
            return text
        }
        func number(_ name: String) throws(AWSError) -> Double {
            guard let parsed = Double(try value(name)) else {
                throw .invalidResponse("domain \(domain), item \(id): attribute \(name) is not a number")
            }
            return parsed
        }
        func optional(_ name: String) -> String? { attributes[name].flatMap { $0.isEmpty ? nil : $0 } }
        guard let state = JobState(rawValue: try value("job_state")),
              let style = NotifyStyle(rawValue: attributes["notify_style"] ?? "json") else {
            throw .invalidResponse("domain \(domain), item \(id): unknown job_state or notify_style")
        }
        return EncodingJob(
            id: JobID(id), sourceURI: try value("source_uri"), destinationURI: try value("destination_uri"),
            nommer: try value("nommer"), jobOptionsJSON: attributes["job_options"] ?? "{}",
            notifyURL: optional("notify_url"), notifyStyle: style, state: state,
            stateDetails: optional("job_state_details"), createdAt: try number("creation_dtime"),
            lastModifiedAt: try number("last_modified_dtime"),
            startedAt: optional("started_dtime").flatMap(Double.init),
            attempts: attributes["attempts"].flatMap { Int($0) } ?? 0)
    }

    public func put(_ job: EncodingJob) async throws(BackendError) {
        let attributes = Self.attributes(job)
        if let tooLong = SimpleDBClient.firstOverLimit(item: job.id.rawValue, attributes: attributes) {
            throw .attributeTooLong(job: job.id, attribute: tooLong.name, bytes: tooLong.bytes,
                                    limit: SimpleDBClient.maximumAttributeBytes)
        }
        do { try await sdb.putAttributes(domain: domain, item: job.id.rawValue, attributes: attributes) }
        catch { throw error.backendError }
    }

    public func get(_ id: JobID, consistent: Bool) async throws(BackendError) -> EncodingJob? {
        do {
            let attributes = try await sdb.getAttributes(domain: domain, item: id.rawValue, consistentRead: consistent)
            if attributes.isEmpty { return nil }
            return try Self.job(id: id.rawValue, attributes, domain: domain)
        } catch { throw error.backendError }
    }

    /// The Select this store runs for unfinished jobs.
    public var unfinishedExpression: String {
        SimpleDBSelect.all(from: domain, where: "job_state",
                           in: JobState.allCases.filter { !$0.isFinished }.map(\.rawValue))
    }

    public func selectUnfinished() async throws(BackendError) -> [EncodingJob] {
        do {
            let result = try await sdb.selectAll(unfinishedExpression, consistentRead: true)
            var jobs: [EncodingJob] = []
            for item in result.items { jobs.append(try Self.job(id: item.name, item.attributes, domain: domain)) }
            return jobs.sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
        } catch { throw error.backendError }
    }
}
