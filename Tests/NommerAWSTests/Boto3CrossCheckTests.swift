import Foundation
import NommerCore
import XCTest
@testable import NommerAWS

/// A real AWS client (boto3, through scripts/boto3-crosscheck.py) reads what
/// the Swift backend wrote to moto, and the Swift backend reads what boto3 wrote.
final class Boto3CrossCheckTests: XCTestCase {
    func boto3(_ arguments: [String]) throws -> Any { try runBoto3CrossCheck(arguments) }

    func credentials() -> StaticCredentials {
        StaticCredentials(AWSCredentials(accessKeyID: "testing", secretAccessKey: "testing"))
    }

    func testSQSBothWays() async throws {
        let moto = try MotoServer.start()
        let sqs = SQSClient(client: try AWSServiceClient(service: "sqs", region: "us-east-1", endpoint: moto.endpoint,
                                                         credentials: credentials()))
        let queue = try await SQSJobQueue.open(sqs: sqs, name: "cross-\(UUID().uuidString.prefix(8).lowercased())", create: true)
        for id in ["swift-1", "swift-2", "swift-3"] { try await queue.send(JobID(id)) }
        let readByBoto3 = try boto3(["sqs-receive", queue.queueURL, "3"]) as? [String]
        XCTAssertEqual(readByBoto3, ["swift-1", "swift-2", "swift-3"])

        _ = try boto3(["sqs-send", queue.queueURL, "boto-1", "boto-2"])
        var readBySwift: [String] = []
        for _ in 0..<5 where readBySwift.count < 2 {
            let messages = try await queue.receive(max: 10, visibilityTimeoutSeconds: 30, waitSeconds: 1)
            readBySwift += messages.map(\.jobID.rawValue)
            for message in messages { try await queue.delete(message.receiptHandle) }
        }
        XCTAssertEqual(readBySwift.sorted(), ["boto-1", "boto-2"])
    }

    func testDynamoDBBothWays() async throws {
        let moto = try MotoServer.start()
        let dynamo = DynamoDBClient(client: try AWSServiceClient(service: "dynamodb", region: "us-east-1",
                                                                 endpoint: moto.endpoint, credentials: credentials()))
        let table = "cross-\(UUID().uuidString.prefix(8).lowercased())"
        try await dynamo.createJobTable(name: table, indexName: DynamoDBJobStore.defaultIndexName)
        let store = DynamoDBJobStore(dynamo: dynamo, table: table)
        let written = EncodingJob(id: JobID("swift-job"), sourceURI: "s3://in/a.mov", destinationURI: "s3://out/a.mp4",
                                  nommer: "ffmpeg", createdAt: 1_700_000_000.5)
        try await store.put(written)
        let item = try boto3(["ddb-get", table, "swift-job"]) as? [String: Any]
        XCTAssertEqual(item?["job_state"] as? String, "PENDING")
        XCTAssertEqual(item?["source_uri"] as? String, "s3://in/a.mov")
        XCTAssertEqual(item?["unfinished"] as? String, "1")
        XCTAssertEqual(item?["version"] as? String, "1")
        XCTAssertEqual((item?["created_at"] as? String).flatMap(Double.init), 1_700_000_000.5)

        let botoItem = """
            {"job_id":{"S":"boto-job"},"source_uri":{"S":"s3://in/b.mov"},"destination_uri":{"S":"s3://out/b.mp4"},
             "nommer":{"S":"sleep"},"job_options":{"S":"{}"},"notify_style":{"S":"legacy"},"job_state":{"S":"FINISHED"},
             "created_at":{"N":"1700000100"},"last_modified_at":{"N":"1700000200"},"started_at":{"N":"1700000150"},
             "attempts":{"N":"1"},"version":{"N":"3"}}
            """
        _ = try boto3(["ddb-put", table, botoItem])
        let read = try await store.get(JobID("boto-job"), consistent: true)
        XCTAssertEqual(read?.state, .finished)
        XCTAssertEqual(read?.nommer, "sleep")
        XCTAssertEqual(read?.notifyStyle, .legacy)
        XCTAssertEqual(read?.startedAt, 1_700_000_150)
        XCTAssertEqual(read?.lastModifiedAt, 1_700_000_200)
        let unfinished = try await store.selectUnfinished()
        XCTAssertEqual(unfinished.map(\.id), [JobID("swift-job")], "boto3's FINISHED job has no `unfinished` attribute")
    }
}

private var crossCheckScript: String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/boto3-crosscheck.py").path
}

/// Runs scripts/boto3-crosscheck.py against the shared moto server; its JSON output.
func runBoto3CrossCheck(_ arguments: [String]) throws -> Any {
    let moto = try MotoServer.start()
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [ProcessInfo.processInfo.environment["NOMMER_PYTHON"] ?? "python3", crossCheckScript,
                         moto.endpoint.absoluteString] + arguments
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw SuiteError("boto3-crosscheck \(arguments.first ?? "") failed: \(errorText.suffix(800))")
    }
    return try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
}
