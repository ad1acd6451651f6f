import Foundation
import NommerTestSupport
import XCTest
@testable import NommerAWS

/// `AWSResourceSetup` and `nommer-sim aws-setup` against moto: what is
/// missing is created, what exists is left, and the backend then connects.
final class AWSResourceSetupTests: XCTestCase {
    let environment = ["AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": "us-east-1",
                       "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/credentials", "AWS_CONFIG_FILE": "/nonexistent/config"]

    func settings(_ suffix: String, endpoint: URL, store: AWSBackendSettings.JobStoreKind) -> AWSBackendSettings {
        var settings = AWSBackendSettings()
        settings.endpointURL = endpoint.absoluteString
        settings.newJobsQueue = "new-\(suffix)"
        settings.stateChangesQueue = "changes-\(suffix)"
        settings.jobTable = "jobs-\(suffix)"
        settings.jobStore = store
        settings.retryMaxAttempts = 1
        return settings
    }

    func testCreatesWhatIsMissingLeavesWhatExistsAndTheBackendThenConnects() async throws {
        let moto = try MotoServer.start()
        let suffix = String(UUID().uuidString.prefix(8).lowercased())
        let settings = settings(suffix, endpoint: moto.endpoint, store: .dynamodb)
        // One queue exists already.
        let keys = StaticCredentials(AWSCredentials(accessKeyID: "testing", secretAccessKey: "testing"))
        let sqs = SQSClient(client: try AWSServiceClient(service: "sqs", region: "us-east-1", endpoint: moto.endpoint,
                                                         credentials: keys))
        _ = try await sqs.createQueue(name: settings.stateChangesQueue)

        let first = try await AWSResourceSetup.run(settings: settings, environment: environment, pollSeconds: 0.05)
        XCTAssertEqual(first.map(\.description), [
            "sqs queue new-\(suffix): created",
            "sqs queue changes-\(suffix): already exists",
            "dynamodb table jobs-\(suffix): created",
        ])
        let again = try await AWSResourceSetup.run(settings: settings, environment: environment, pollSeconds: 0.05)
        XCTAssertEqual(again.map(\.outcome), [.existed, .existed, .existed])

        let dynamo = DynamoDBClient(client: try AWSServiceClient(service: "dynamodb", region: "us-east-1",
                                                                 endpoint: moto.endpoint, credentials: keys))
        let active = try await dynamo.isTableActive(name: settings.jobTable)
        XCTAssertTrue(active)
        // The backend's own start-up checks find everything.
        let backend = try await AWSBackend.connect(settings: settings, environment: environment)
        let counts = try await backend.newJobs.counts()
        XCTAssertEqual(counts.visible, 0)
    }

    func testSimpleDBDomainIsCreatedOnce() async throws {
        let moto = try MotoServer.start()
        let suffix = String(UUID().uuidString.prefix(8).lowercased())
        let settings = settings(suffix, endpoint: moto.endpoint, store: .simpledb)
        let first = try await AWSResourceSetup.run(settings: settings, environment: environment)
        XCTAssertEqual(first.last?.description, "simpledb domain jobs-\(suffix): created")
        let again = try await AWSResourceSetup.run(settings: settings, environment: environment)
        XCTAssertEqual(again.last?.description, "simpledb domain jobs-\(suffix): already exists")
    }

    func testEveryProblemIsListedWhenTheEndpointIsUnreachable() async throws {
        var settings = settings("x", endpoint: try XCTUnwrap(URL(string: "http://127.0.0.1:1")), store: .dynamodb)
        settings.metadataBaseURL = "http://127.0.0.1:1"
        do {
            try await AWSResourceSetup.run(settings: settings, environment: environment)
            XCTFail("nothing can be reached")
        } catch {
            XCTAssertEqual(error.problems.map(\.resource), ["sqs queue new-x", "sqs queue changes-x", "dynamodb table jobs-x"])
            XCTAssertEqual(Set(error.problems.map(\.code)), ["Connection"])
        }
    }

    func testTheCommandPrintsEachResourceAndExitsZeroThenOneOnABadEndpoint() async throws {
        let moto = try MotoServer.start()
        let suffix = String(UUID().uuidString.prefix(8).lowercased())
        let folder = makeDataDirectory()
        let config = (folder as NSString).appendingPathComponent("prod.yaml")
        try """
        name: prod
        aws:
          region: us-east-1
          endpoint_url: \(moto.endpoint.absoluteString)
          new_jobs_queue: new-\(suffix)
          state_changes_queue: changes-\(suffix)
          job_table: jobs-\(suffix)
          retry_max_attempts: 1
        """.write(toFile: config, atomically: true, encoding: .utf8)

        let log = (folder as NSString).appendingPathComponent("setup.log")
        let setup = try ToolProcess(["aws-setup", "--config", config], environment: environment, logPath: log)
        let status = await setup.waitForExit(seconds: 60)
        XCTAssertEqual(status, 0, setup.log)
        XCTAssertEqual(setup.log, """
            sqs queue new-\(suffix): created
            sqs queue changes-\(suffix): created
            dynamodb table jobs-\(suffix): created

            """)

        let badLog = (folder as NSString).appendingPathComponent("bad.log")
        let bad = try ToolProcess(["aws-setup", "--config", config, "--set", "aws.endpoint_url=http://127.0.0.1:1"],
                                  environment: environment, logPath: badLog)
        let badStatus = await bad.waitForExit(seconds: 60)
        XCTAssertEqual(badStatus, 1, bad.log)
        XCTAssertTrue(bad.log.hasPrefix("error: aws-setup could not finish:\n  - sqs queue new-\(suffix): endpoint unreachable"),
                      bad.log)

        let missingLog = (folder as NSString).appendingPathComponent("missing.log")
        let missing = try ToolProcess(["aws-setup", "--config", folder + "/nope.yaml"], environment: environment,
                                      logPath: missingLog)
        let missingStatus = await missing.waitForExit(seconds: 60)
        XCTAssertEqual(missingStatus, 2, missing.log)
        XCTAssertTrue(missing.log.contains("nope.yaml"), missing.log)
    }
}
