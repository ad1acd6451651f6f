import Foundation
import XCTest
@testable import NommerAWS

/// The start-up checks against moto: a missing queue and table are one line
/// each; a ready account has none.
final class AWSPreflightTests: XCTestCase {
    func client(_ service: String, _ endpoint: URL, keys: AWSCredentials? = nil) throws -> AWSServiceClient {
        try AWSServiceClient(service: service, region: "us-east-1", endpoint: endpoint,
                             credentials: StaticCredentials(keys ?? AWSCredentials(accessKeyID: "testing", secretAccessKey: "testing")),
                             retryPolicy: RetryPolicy(maxAttempts: 1))
    }

    func testMissingResourcesAreOneClearLineEach() async throws {
        let moto = try MotoServer.start()
        let suffix = UUID().uuidString.prefix(8).lowercased()
        let sqs = SQSClient(client: try client("sqs", moto.endpoint))
        let dynamo = DynamoDBClient(client: try client("dynamodb", moto.endpoint))
        _ = try await sqs.createQueue(name: "present-\(suffix)")
        let fleet = EC2Fleet(client: try client("ec2", moto.endpoint), fleetName: "f-\(suffix)",
                             template: EC2LaunchTemplate(imageID: "ami-12c6146b", instanceType: "t3.micro"))
        let check = AWSPreflight(sqs: sqs, queueNames: ["present-\(suffix)", "absent-\(suffix)"],
                                 dynamo: dynamo, tableName: "absent-\(suffix)", fleet: fleet)
        let problems = await check.run()
        XCTAssertEqual(problems.map(\.resource), ["sqs queue absent-\(suffix)", "dynamodb table absent-\(suffix)"])
        XCTAssertEqual(problems.map(\.message), ["the queue does not exist", "the table does not exist"])
        XCTAssertEqual(problems.last?.code, "ResourceNotFoundException")

        try await dynamo.createJobTable(name: "absent-\(suffix)", indexName: DynamoDBJobStore.defaultIndexName)
        _ = try await sqs.createQueue(name: "absent-\(suffix)")
        let fixed = await check.run()
        XCTAssertEqual(fixed, [])
    }

    func testAccessDeniedAndUnreachableAreNamed() {
        let denied = AWSPreflight.problem("sqs queue q", .service(AWSServiceError(
            service: "sqs", code: "AccessDenied", message: "not authorized to perform sqs:GetQueueUrl", httpStatus: 403)),
            missing: "the queue does not exist")
        XCTAssertEqual(denied.description,
                       "sqs queue q: access denied: check the credentials and the IAM policy (not authorized to perform sqs:GetQueueUrl) (AccessDenied)")
        let unreachable = AWSPreflight.problem("dynamodb table t", .transport("connection refused"), missing: "")
        XCTAssertEqual(unreachable.code, "Connection")
    }
}
