import NommerCore

/// A DynamoDB table as the core's ``JobStore`` port.
///
/// Every write is conditional on the item's `version` attribute (optimistic
/// concurrency): ``put(_:expectedVersion:)`` succeeds only if the stored
/// version is the one the caller read; the port's ``put(_:)`` reads the
/// current version and retries a few times when another writer got there
/// first. Unfinished jobs come from the sparse index on `unfinished`, page
/// by page.
public struct DynamoDBJobStore: JobStore {
    public let dynamo: DynamoDBClient
    public let table: String
    public let unfinishedIndex: String
    /// Items per Query page when listing unfinished jobs (nil: DynamoDB's 1 MB pages).
    public var pageSize: Int?
    /// Read-then-write rounds ``put(_:)`` tries before giving up on a contended item.
    public var maximumWriteRounds = 5

    public static let defaultIndexName = "unfinished-index"

    public init(dynamo: DynamoDBClient, table: String, unfinishedIndex: String = DynamoDBJobStore.defaultIndexName,
                pageSize: Int? = nil) {
        self.dynamo = dynamo
        self.table = table
        self.unfinishedIndex = unfinishedIndex
        self.pageSize = pageSize
    }

    /// Writes `job` if the stored version is `expectedVersion` (nil: no such
    /// item yet); returns the new version. A lost race is
    /// `ConditionalCheckFailedException`.
    @discardableResult
    public func put(_ job: EncodingJob, expectedVersion: Int?) async throws(AWSError) -> Int {
        let next = (expectedVersion ?? 0) + 1
        if let expectedVersion {
            try await dynamo.putItem(table: table, item: DynamoDBJobRecord.item(job, version: next),
                                     condition: "#v = :expected", names: ["#v": "version"],
                                     values: [":expected": .number(expectedVersion)])
        } else {
            try await dynamo.putItem(table: table, item: DynamoDBJobRecord.item(job, version: next),
                                     condition: "attribute_not_exists(job_id)")
        }
        return next
    }

    /// The stored version of a job, read consistently; nil if there is no item.
    public func version(of id: JobID) async throws(AWSError) -> Int? {
        try await dynamo.getItem(table: table, key: ["job_id": .string(id.rawValue)], consistent: true)?["version"]?.intValue
    }

    public func put(_ job: EncodingJob) async throws(BackendError) {
        var round = 0
        while true {
            round += 1
            do {
                let current = try await version(of: job.id)
                try await put(job, expectedVersion: current)
                return
            } catch {
                if case let .service(serviceError) = error, serviceError.code == "ConditionalCheckFailedException",
                   round < maximumWriteRounds {
                    continue
                }
                throw error.backendError
            }
        }
    }

    public func get(_ id: JobID, consistent: Bool) async throws(BackendError) -> EncodingJob? {
        do {
            guard let item = try await dynamo.getItem(table: table, key: ["job_id": .string(id.rawValue)],
                                                      consistent: consistent) else { return nil }
            return try DynamoDBJobRecord.job(item, table: table)
        } catch { throw error.backendError }
    }

    public func selectUnfinished() async throws(BackendError) -> [EncodingJob] {
        do { return try await unfinishedPages().jobs } catch { throw error.backendError }
    }

    /// The unfinished jobs, oldest first, and how many Query pages it took.
    public func unfinishedPages() async throws(AWSError) -> (jobs: [EncodingJob], pages: Int) {
        let result = try await dynamo.queryAll(table: table, index: unfinishedIndex, keyCondition: "unfinished = :u",
                                               values: [":u": .string("1")], pageSize: pageSize)
        var jobs: [EncodingJob] = []
        for item in result.items { jobs.append(try DynamoDBJobRecord.job(item, table: table)) }
        return (jobs, result.pages)
    }
}
