import NommerCore

/// A job store that can list its records for the job API's `GET /jobs`.
/// Listing reads the whole table (DynamoDB Scan, SimpleDB Select without a
/// condition), page by page: meant for operators, not for the hot path.
public protocol JobListing: Sendable {
    /// Every record, in no particular order.
    func allJobs() async throws(BackendError) -> [EncodingJob]
}

extension DynamoDBJobStore: JobListing {
    public func allJobs() async throws(BackendError) -> [EncodingJob] {
        do {
            let items = try await dynamo.scanAll(table: table, pageSize: pageSize)
            var jobs: [EncodingJob] = []
            for item in items { jobs.append(try DynamoDBJobRecord.job(item, table: table)) }
            return jobs
        } catch { throw error.backendError }
    }
}

extension SimpleDBJobStore: JobListing {
    public func allJobs() async throws(BackendError) -> [EncodingJob] {
        do {
            let result = try await sdb.selectAll("select * from \(SimpleDBSelect.quoteName(domain))",
                                                 consistentRead: true)
            var jobs: [EncodingJob] = []
            for item in result.items { jobs.append(try Self.job(id: item.name, item.attributes, domain: domain)) }
            return jobs
        } catch { throw error.backendError }
    }
}

extension DynamoDBClient {
    struct Scan: Encodable { var TableName: String; var Limit: Int?; var ExclusiveStartKey: DynamoDBItem? }

    /// Every item of the table, following `LastEvaluatedKey` page by page.
    public func scanAll(table: String, pageSize: Int? = nil) async throws(AWSError) -> [DynamoDBItem] {
        var items: [DynamoDBItem] = []
        var start: DynamoDBItem?
        repeat {
            let page = try await call("Scan", Scan(TableName: table, Limit: pageSize, ExclusiveStartKey: start), QueryResult.self)
            items += page.Items ?? []
            start = page.LastEvaluatedKey
        } while start != nil
        return items
    }
}
