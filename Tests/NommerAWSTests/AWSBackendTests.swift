import Foundation
import NommerCore
import XCTest
@testable import NommerAWS

/// Connecting the whole backend from settings and an environment, against moto.
final class AWSBackendTests: XCTestCase {
    func settings(_ suffix: String, store: AWSBackendSettings.JobStoreKind) throws -> AWSBackendSettings {
        var settings = AWSBackendSettings()
        settings.endpointURL = try MotoServer.start().endpoint.absoluteString
        settings.newJobsQueue = "new-\(suffix)"
        settings.stateChangesQueue = "changes-\(suffix)"
        settings.jobTable = "jobs-\(suffix)"
        settings.jobStore = store
        settings.fleetName = "fleet-\(suffix)"
        settings.launch = EC2LaunchTemplate(imageID: "ami-12c6146b", instanceType: "t3.micro")
        settings.retryMaxAttempts = 1
        return settings
    }

    let environment = ["AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": "us-east-1",
                       "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/credentials", "AWS_CONFIG_FILE": "/nonexistent/config"]

    func testConnectReportsEveryMissingResourceThenWorks() async throws {
        let suffix = String(UUID().uuidString.prefix(8).lowercased())
        let settings = try settings(suffix, store: .dynamodb)
        do {
            _ = try await AWSBackend.connect(settings: settings, environment: environment)
            XCTFail("nothing exists yet")
        } catch {
            XCTAssertEqual(error.problems.map(\.resource),
                           ["sqs queue new-\(suffix)", "sqs queue changes-\(suffix)", "dynamodb table jobs-\(suffix)"])
            XCTAssertTrue(error.description.hasPrefix("the AWS backend cannot start:\n  - sqs queue new-\(suffix): the queue does not exist"))
        }
        let endpoint = try XCTUnwrap(URL(string: try XCTUnwrap(settings.endpointURL)))
        let keys = StaticCredentials(AWSCredentials(accessKeyID: "testing", secretAccessKey: "testing"))
        let sqs = SQSClient(client: try AWSServiceClient(service: "sqs", region: "us-east-1", endpoint: endpoint, credentials: keys))
        _ = try await sqs.createQueue(name: settings.newJobsQueue)
        _ = try await sqs.createQueue(name: settings.stateChangesQueue)
        try await DynamoDBClient(client: try AWSServiceClient(service: "dynamodb", region: "us-east-1", endpoint: endpoint,
                                                              credentials: keys))
            .createJobTable(name: settings.jobTable, indexName: DynamoDBJobStore.defaultIndexName)

        let backend = try await AWSBackend.connect(settings: settings, environment: environment)
        XCTAssertEqual(backend.region, "us-east-1")
        let job = EncodingJob(id: JobID("via-backend"), sourceURI: "s3://a", destinationURI: "s3://b", nommer: "sleep", createdAt: 5)
        try await backend.jobStore.put(job)
        try await backend.newJobs.send(job.id)
        let stored = try await backend.jobStore.get(job.id, consistent: true)
        XCTAssertEqual(stored, job)
        let counts = try await backend.newJobs.counts()
        XCTAssertEqual(counts.visible, 1)
        let fleet = try await XCTUnwrap(backend.fleet).describe()
        XCTAssertEqual(fleet, [])
    }

    func testNoRegionIsAClearErrorAndEndpointsFollowTheRegion() async throws {
        var settings = AWSBackendSettings()
        settings.endpointURL = "http://127.0.0.1:1"
        settings.metadataBaseURL = "http://127.0.0.1:1"
        let noFiles = ["AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/c", "AWS_CONFIG_FILE": "/nonexistent/c"]
        do {
            _ = try await AWSBackend.connect(settings: settings, environment: noFiles)
            XCTFail("no region")
        } catch {
            XCTAssertEqual(error.problems.map(\.code), ["NoRegion"])
        }
        XCTAssertEqual(AWSBackendSettings().endpoint(for: "sqs", region: "eu-west-1"), "https://sqs.eu-west-1.amazonaws.com")
        XCTAssertEqual(AWSBackendSettings().endpoint(for: "sdb", region: "us-east-1"), "https://sdb.amazonaws.com")
    }
}
