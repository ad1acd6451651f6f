/// Request and response bodies of the SQS JSON 1.0 protocol (field names as
/// the service spells them).
enum SQSShapes {
    struct CreateQueue: Encodable { var QueueName: String; var Attributes: [String: String]? }
    struct GetQueueUrl: Encodable { var QueueName: String }
    struct QueueUrlResult: Decodable { var QueueUrl: String }
    struct SendMessage: Encodable { var QueueUrl: String; var MessageBody: String; var DelaySeconds: Int? }
    struct SendMessageResult: Decodable { var MessageId: String }
    struct ReceiveMessage: Encodable {
        var QueueUrl: String
        var MaxNumberOfMessages: Int
        var VisibilityTimeout: Int?
        var WaitTimeSeconds: Int?
        var AttributeNames: [String]
        var MessageSystemAttributeNames: [String]
    }
    struct ReceiveMessageResult: Decodable { var Messages: [Message]? }
    struct Message: Decodable {
        var MessageId: String
        var ReceiptHandle: String
        var Body: String
        var Attributes: [String: String]?
    }
    struct DeleteMessage: Encodable { var QueueUrl: String; var ReceiptHandle: String }
    struct ChangeMessageVisibility: Encodable { var QueueUrl: String; var ReceiptHandle: String; var VisibilityTimeout: Int }
    struct GetQueueAttributes: Encodable { var QueueUrl: String; var AttributeNames: [String] }
    struct GetQueueAttributesResult: Decodable { var Attributes: [String: String]? }
    struct Empty: Codable {}
}
