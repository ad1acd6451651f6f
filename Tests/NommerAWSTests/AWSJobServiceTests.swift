import Foundation
import NommerAWSLive
import NommerCore
import NommerLive
import XCTest
@testable import NommerAWS

/// The AWS job service against moto: the order of its writes, and what a
/// failure between them leaves behind.
final class AWSJobServiceTests: XCTestCase {
    struct Parts {
        let store: DynamoDBJobStore
        let newJobs: SQSJobQueue
        let stateChanges: SQSJobQueue
        let sqs: SQSClient
    }

    func parts() async throws -> Parts {
        let endpoint = try MotoServer.start().endpoint
        let suffix = String(UUID().uuidString.prefix(8).lowercased())
        let credentials = StaticCredentials(AWSCredentials(accessKeyID: "testing", secretAccessKey: "testing"))
        let sqs = SQSClient(client: try AWSServiceClient(service: "sqs", region: "us-east-1", endpoint: endpoint,
                                                         credentials: credentials, retryPolicy: RetryPolicy(maxAttempts: 1)))
        let dynamo = DynamoDBClient(client: try AWSServiceClient(service: "dynamodb", region: "us-east-1", endpoint: endpoint,
                                                                 credentials: credentials))
        try await dynamo.createJobTable(name: "jobs-\(suffix)", indexName: DynamoDBJobStore.defaultIndexName)
        return Parts(store: DynamoDBJobStore(dynamo: dynamo, table: "jobs-\(suffix)"),
                     newJobs: try await SQSJobQueue.open(sqs: sqs, name: "new-\(suffix)", create: true),
                     stateChanges: try await SQSJobQueue.open(sqs: sqs, name: "changes-\(suffix)", create: true),
                     sqs: sqs)
    }

    let request = JobRequest(sourceURI: "s3://in/a.mov", destinationURI: "s3://out/a.mp4", nommer: "sleep",
                             optionsJSON: #"{"seconds":1}"#)

    func testSubmitStoresThenEnqueuesOnBothQueuesAndCancelAnnounces() async throws {
        let parts = try await parts()
        let service = AWSJobService(store: parts.store, newJobQueue: parts.newJobs, stateChangeQueue: parts.stateChanges)
        let job = try await service.submit(request)
        XCTAssertEqual(job.state, .pending)
        let stored = try await service.job(job.id)
        XCTAssertEqual(stored, job)
        let newJobs = try await parts.newJobs.counts()
        XCTAssertEqual(newJobs.visible, 1)
        let message = try await parts.newJobs.receive(max: 10, visibilityTimeoutSeconds: 30, waitSeconds: 0)
        XCTAssertEqual(message.map(\.jobID), [job.id])
        let pending = try await service.jobs(in: .pending, limit: 10)
        XCTAssertEqual(pending.map(\.id), [job.id])

        let cancelled = try await service.cancel(job.id)
        XCTAssertEqual(cancelled.state, .error)
        XCTAssertEqual(cancelled.stateDetails, "cancelled")
        let changes = try await parts.stateChanges.counts()
        XCTAssertEqual(changes.visible, 2, "one on submit, one on cancel")
        let errors = try await service.jobs(in: .error, limit: 10)
        XCTAssertEqual(errors.map(\.id), [job.id])
        let none = try await service.jobs(in: .pending, limit: 10)
        XCTAssertEqual(none, [])
        do {
            _ = try await service.cancel(JobID("no-such-job"))
            XCTFail("an unknown job")
        } catch {
            XCTAssertEqual(error, .jobNotFound(JobID("no-such-job")))
        }
    }

    func testAFailedEnqueueIsNotAcknowledgedAndLeavesAnErrorRecord() async throws {
        let parts = try await parts()
        let missing = SQSJobQueue(sqs: parts.sqs, queueURL: parts.newJobs.queueURL + "-missing")
        let service = AWSJobService(store: parts.store, newJobQueue: missing, stateChangeQueue: parts.stateChanges)
        do {
            _ = try await service.submit(request)
            XCTFail("the new-job queue does not exist: the submit must fail")
        } catch {}
        let records = try await parts.store.allJobs()
        XCTAssertEqual(records.count, 1)
        XCTAssertEqual(records.first?.state, .error)
        XCTAssertTrue(records.first?.stateDetails?.hasPrefix("submit failed") == true, "\(records)")
        let unfinished = try await parts.store.selectUnfinished()
        XCTAssertEqual(unfinished, [], "nothing is left PENDING without a message")
        let changes = try await parts.stateChanges.counts()
        XCTAssertEqual(changes.visible, 0)
    }

    func testAFailedStateChangeSendStillAcknowledgesAStoredQueuedJob() async throws {
        let parts = try await parts()
        let missing = SQSJobQueue(sqs: parts.sqs, queueURL: parts.stateChanges.queueURL + "-missing")
        let service = AWSJobService(store: parts.store, newJobQueue: parts.newJobs, stateChangeQueue: missing)
        let job = try await service.submit(request)
        let stored = try await parts.store.get(job.id, consistent: true)
        XCTAssertEqual(stored?.state, .pending)
        let newJobs = try await parts.newJobs.counts()
        XCTAssertEqual(newJobs.visible, 1)
    }
}

/// A worker's own instance on moto: booting until the worker starts, then
/// running; terminating itself leaves the fleet.
final class EC2WorkerInstanceTests: XCTestCase {
    func testStartedTurnsBootingIntoRunningAndTerminateLeavesTheFleet() async throws {
        let endpoint = try MotoServer.start().endpoint
        let credentials = StaticCredentials(AWSCredentials(accessKeyID: "testing", secretAccessKey: "testing"))
        let client = try AWSServiceClient(service: "ec2", region: "us-east-1", endpoint: endpoint, credentials: credentials)
        let fleet = EC2Fleet(client: client, fleetName: "worker-\(UUID().uuidString.prefix(8))",
                             template: EC2LaunchTemplate(imageID: "ami-12c6146b", instanceType: "t3.micro"))
        let ids = try await fleet.launch(count: 1)
        let id = try XCTUnwrap(ids.first)
        let before = try await fleet.describe()
        XCTAssertEqual(before.map(\.state), [.booting], "running but the worker has not started")
        let instance = EC2WorkerInstance(id: id, ec2: client)
        try await instance.started()
        let after = try await fleet.describe()
        XCTAssertEqual(after.map(\.state), [.running])
        try await instance.terminate(reason: "idle")
        let gone = try await fleet.describe()
        XCTAssertEqual(gone, [])
    }
}
