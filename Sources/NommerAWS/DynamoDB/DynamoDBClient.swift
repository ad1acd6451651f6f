/// Amazon DynamoDB over the AWS JSON 1.0 protocol
/// (`X-Amz-Target: DynamoDB_20120810.*`): the calls the job store uses.
public struct DynamoDBClient: Sendable {
    public let client: AWSServiceClient

    public init(client: AWSServiceClient) { self.client = client }

    func call<I: Encodable, O: Decodable>(_ action: String, _ input: I, _ output: O.Type) async throws(AWSError) -> O {
        try await client.json(target: "DynamoDB_20120810.\(action)", input, as: output)
    }

    struct PutItem: Encodable {
        var TableName: String
        var Item: DynamoDBItem
        var ConditionExpression: String?
        var ExpressionAttributeNames: [String: String]?
        var ExpressionAttributeValues: DynamoDBItem?
    }
    struct Empty: Codable {}

    /// Writes `item`; with `condition`, only if it holds (else the service
    /// answers `ConditionalCheckFailedException`).
    public func putItem(table: String, item: DynamoDBItem, condition: String? = nil,
                        names: [String: String]? = nil, values: DynamoDBItem? = nil) async throws(AWSError) {
        _ = try await call("PutItem", PutItem(TableName: table, Item: item, ConditionExpression: condition,
                                              ExpressionAttributeNames: names, ExpressionAttributeValues: values), Empty.self)
    }

    struct GetItem: Encodable { var TableName: String; var Key: DynamoDBItem; var ConsistentRead: Bool }
    struct GetItemResult: Decodable { var Item: DynamoDBItem? }

    public func getItem(table: String, key: DynamoDBItem, consistent: Bool) async throws(AWSError) -> DynamoDBItem? {
        try await call("GetItem", GetItem(TableName: table, Key: key, ConsistentRead: consistent), GetItemResult.self).Item
    }

    struct Query: Encodable {
        var TableName: String
        var IndexName: String?
        var KeyConditionExpression: String
        var ExpressionAttributeNames: [String: String]?
        var ExpressionAttributeValues: DynamoDBItem
        var Limit: Int?
        var ExclusiveStartKey: DynamoDBItem?
    }
    struct QueryResult: Decodable { var Items: [DynamoDBItem]?; var LastEvaluatedKey: DynamoDBItem? }

    /// Every item matching the key condition, following `LastEvaluatedKey`
    /// page by page (`pageSize` items per call when given).
    public func queryAll(table: String, index: String?, keyCondition: String, names: [String: String]? = nil,
                         values: DynamoDBItem, pageSize: Int? = nil) async throws(AWSError) -> (items: [DynamoDBItem], pages: Int) {
        var items: [DynamoDBItem] = []
        var start: DynamoDBItem?
        var pages = 0
        repeat {
            let page = try await call("Query", Query(TableName: table, IndexName: index, KeyConditionExpression: keyCondition,
                                                     ExpressionAttributeNames: names, ExpressionAttributeValues: values,
                                                     Limit: pageSize, ExclusiveStartKey: start), QueryResult.self)
            pages += 1
            items += page.Items ?? []
            start = page.LastEvaluatedKey
        } while start != nil
        return (items, pages)
    }

    struct AttributeDefinition: Encodable { var AttributeName: String; var AttributeType: String }
    struct KeySchemaElement: Encodable { var AttributeName: String; var KeyType: String }
    struct Projection: Encodable { var ProjectionType: String }
    struct GlobalSecondaryIndex: Encodable { var IndexName: String; var KeySchema: [KeySchemaElement]; var Projection: Projection }
    struct CreateTable: Encodable {
        var TableName: String
        var AttributeDefinitions: [AttributeDefinition]
        var KeySchema: [KeySchemaElement]
        var GlobalSecondaryIndexes: [GlobalSecondaryIndex]?
        var BillingMode: String
    }

    /// Creates the job table: hash key `job_id` (string) and the sparse index
    /// `indexName` on (`unfinished`, `created_at`), on-demand billing.
    public func createJobTable(name: String, indexName: String) async throws(AWSError) {
        let input = CreateTable(
            TableName: name,
            AttributeDefinitions: [.init(AttributeName: "job_id", AttributeType: "S"),
                                   .init(AttributeName: "unfinished", AttributeType: "S"),
                                   .init(AttributeName: "created_at", AttributeType: "N")],
            KeySchema: [.init(AttributeName: "job_id", KeyType: "HASH")],
            GlobalSecondaryIndexes: [.init(IndexName: indexName,
                                           KeySchema: [.init(AttributeName: "unfinished", KeyType: "HASH"),
                                                       .init(AttributeName: "created_at", KeyType: "RANGE")],
                                           Projection: .init(ProjectionType: "ALL"))],
            BillingMode: "PAY_PER_REQUEST")
        _ = try await call("CreateTable", input, Empty.self)
    }

    struct DescribeTable: Encodable { var TableName: String }
    struct DescribeTableResult: Decodable {
        struct Table: Decodable {
            struct Index: Decodable { var IndexStatus: String? }
            var TableStatus: String?
            var GlobalSecondaryIndexes: [Index]?
        }
        var Table: Table?
    }

    /// Whether the table and all its indexes are `ACTIVE` (a new table is
    /// `CREATING` for a while on AWS); fails with `ResourceNotFoundException`
    /// when the table is missing.
    public func isTableActive(name: String) async throws(AWSError) -> Bool {
        let table = try await call("DescribeTable", DescribeTable(TableName: name), DescribeTableResult.self).Table
        guard table?.TableStatus == "ACTIVE" else { return false }
        return (table?.GlobalSecondaryIndexes ?? []).allSatisfy { ($0.IndexStatus ?? "ACTIVE") == "ACTIVE" }
    }

    /// Fails with `ResourceNotFoundException` when the table is missing (a start-up check).
    public func describeTable(name: String) async throws(AWSError) {
        _ = try await call("DescribeTable", DescribeTable(TableName: name), Empty.self)
    }
}
