import Foundation
import NommerCore
import XCTest
@testable import NommerAWS

/// The DynamoDB job store against moto's server.
final class DynamoDBMotoTests: XCTestCase {
    func makeStore(pageSize: Int? = nil) async throws -> DynamoDBJobStore {
        let moto = try MotoServer.start()
        let service = try AWSServiceClient(
            service: "dynamodb", region: "us-east-1", endpoint: moto.endpoint,
            credentials: StaticCredentials(AWSCredentials(accessKeyID: "testing", secretAccessKey: "testing")),
            retryPolicy: RetryPolicy(maxAttempts: 2, baseSeconds: 0.05))
        let dynamo = DynamoDBClient(client: service)
        let table = "jobs-\(UUID().uuidString.prefix(8).lowercased())"
        try await dynamo.createJobTable(name: table, indexName: DynamoDBJobStore.defaultIndexName)
        return DynamoDBJobStore(dynamo: dynamo, table: table, pageSize: pageSize)
    }

    func job(_ id: String, at time: Double) -> EncodingJob {
        EncodingJob(id: JobID(id), sourceURI: "s3://in/\(id).mov", destinationURI: "s3://out/\(id).mp4",
                    nommer: "ffmpeg", jobOptionsJSON: #"{"passes":[]}"#, notifyURL: "http://example.com/hook",
                    createdAt: time)
    }

    func testPutGetRoundTripsEveryField() async throws {
        let store = try await makeStore()
        var original = job("a", at: 1_700_000_000.25)
        try original.transition(to: .downloading, at: 1_700_000_010.5)
        try original.transition(to: .encoding, details: "pass 1 of 2", at: 1_700_000_020)
        try await store.put(original)
        let read = try await store.get(original.id, consistent: true)
        XCTAssertEqual(read, original)
        let missing = try await store.get(JobID("nope"), consistent: true)
        XCTAssertNil(missing)
        let version = try await store.version(of: original.id)
        XCTAssertEqual(version, 1)
        try await store.put(original)
        let second = try await store.version(of: original.id)
        XCTAssertEqual(second, 2, "every write bumps the version")
    }

    func testConditionalWriteRefusesAStaleVersion() async throws {
        let store = try await makeStore()
        var record = job("b", at: 100)
        let v1 = try await store.put(record, expectedVersion: nil)
        XCTAssertEqual(v1, 1)
        do {
            try await store.put(record, expectedVersion: nil)
            XCTFail("creating an existing item must fail")
        } catch {
            guard case let .service(serviceError) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(serviceError.code, "ConditionalCheckFailedException")
        }
        try record.transition(to: .downloading, at: 110)
        let v2 = try await store.put(record, expectedVersion: v1)
        XCTAssertEqual(v2, 2)
        // A second writer that read version 1 loses.
        do {
            try await store.put(job("b", at: 100), expectedVersion: v1)
            XCTFail("a stale version must be refused")
        } catch {
            guard case let .service(serviceError) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(serviceError.code, "ConditionalCheckFailedException")
            XCTAssertFalse(error.backendError.isTransient)
        }
        let stored = try await store.get(record.id, consistent: true)
        XCTAssertEqual(stored?.state, .downloading)
    }

    func testUnfinishedJobsComeFromTheSparseIndexAcrossPages() async throws {
        let store = try await makeStore(pageSize: 2)
        for index in 0..<7 {
            var record = job("j\(index)", at: Double(1000 + index))
            if index % 3 == 0 { try record.transition(to: .error, details: "bad source", at: Double(2000 + index)) }
            try await store.put(record)
        }
        let (jobs, pages) = try await store.unfinishedPages()
        XCTAssertEqual(jobs.map(\.id.rawValue), ["j1", "j2", "j4", "j5"], "unfinished only, oldest first")
        XCTAssertGreaterThanOrEqual(pages, 2, "a page size of 2 means several pages")
        let viaPort = try await store.selectUnfinished()
        XCTAssertEqual(viaPort.count, 4)
    }

    func testMissingTableIsAClearError() async throws {
        let store = try await makeStore()
        let other = DynamoDBJobStore(dynamo: store.dynamo, table: "no-such-table")
        do {
            _ = try await other.get(JobID("x"), consistent: true)
            XCTFail("expected ResourceNotFoundException")
        } catch {
            guard case let .service(code, message) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(code, "ResourceNotFoundException")
            XCTAssertTrue(message.hasPrefix("dynamodb: ResourceNotFoundException"), message)
        }
    }
}
