import Foundation
import NIOConcurrencyHelpers
import NommerCore
import XCTest
@testable import NommerAWS

/// The EC2 fleet against moto's server, and its launch retry against a loopback server.
final class EC2MotoTests: XCTestCase {
    let template = EC2LaunchTemplate(
        imageID: "ami-12c6146b", instanceType: "c5.large", subnetID: nil, securityGroupIDs: [],
        instanceProfileName: "nommer-worker", userData: "#!/bin/sh\nexec nommer-sim worker --backend aws\n",
        tags: ["Name": "nommer-worker"])

    func makeFleet(_ name: String, pageSize: Int = 100) throws -> EC2Fleet {
        let moto = try MotoServer.start()
        let service = try AWSServiceClient(
            service: "ec2", region: "us-east-1", endpoint: moto.endpoint,
            credentials: StaticCredentials(AWSCredentials(accessKeyID: "testing", secretAccessKey: "testing")),
            retryPolicy: RetryPolicy(maxAttempts: 2, baseSeconds: 0.05))
        var motoTemplate = template
        motoTemplate.instanceProfileName = nil // moto checks the profile exists in its IAM
        var fleet = EC2Fleet(client: service, fleetName: name, template: motoTemplate)
        fleet.pageSize = pageSize
        return fleet
    }

    func uniqueName() -> String { "fleet-\(UUID().uuidString.prefix(8).lowercased())" }

    func testLaunchDescribeTerminateAndBoto3SeesTagsAndIMDSv2() async throws {
        let name = uniqueName()
        let fleet = try makeFleet(name)
        let launched = try await fleet.launch(count: 2)
        XCTAssertTrue((1...2).contains(launched.count), "launch may start fewer than asked: \(launched)")
        let described = try await fleet.describe()
        XCTAssertEqual(described.map(\.id), launched.sorted())
        XCTAssertTrue(described.allSatisfy { $0.state == .booting || $0.state == .running })
        XCTAssertTrue(described.allSatisfy { abs($0.launchedAt - Date().timeIntervalSince1970) < 600 })

        let seen = try runBoto3CrossCheck(["ec2-describe", name]) as? [[String: Any]] ?? []
        XCTAssertEqual(seen.compactMap { $0["id"] as? String }, launched.sorted().map(\.rawValue))
        for instance in seen {
            let tags = instance["tags"] as? [String: String]
            XCTAssertEqual(tags?["nommer:fleet"], name)
            XCTAssertEqual(tags?["Name"], "nommer-worker")
            XCTAssertEqual(instance["http_tokens"] as? String, "required")
            let userData = (instance["user_data"] as? String).flatMap { Data(base64Encoded: $0) }
            XCTAssertEqual(userData.map { String(decoding: $0, as: UTF8.self) }, template.userData)
        }

        try await fleet.terminate(launched)
        let after = try await fleet.describe()
        XCTAssertTrue(after.allSatisfy { $0.state == .stopping }, "terminated instances leave the fleet: \(after)")
    }

    func testDescribePagesAndSeesInstancesBoto3Launched() async throws {
        let name = uniqueName()
        let fleet = try makeFleet(name, pageSize: 5)
        var ids: [InstanceID] = []
        for _ in 0..<4 { ids += try await fleet.launch(count: 1) }
        let botoID = try runBoto3CrossCheck(["ec2-launch", name]) as? String
        ids.append(InstanceID(try XCTUnwrap(botoID)))
        for _ in 0..<2 { ids += try await fleet.launch(count: 1) }
        let (instances, pages) = try await fleet.describePages()
        XCTAssertEqual(instances.map(\.id), ids.sorted())
        XCTAssertGreaterThanOrEqual(pages, 2, "7 instances at 5 per page")
        let other = try makeFleet(uniqueName())
        let empty = try await other.describe()
        XCTAssertEqual(empty, [], "another fleet's tag sees none of them")
    }

    func testUserDataWithKeysIsRefused() async throws {
        var leaky = template
        leaky.userData = "export AWS_SECRET_ACCESS_KEY=abc\n"
        let fleet = EC2Fleet(client: try makeFleet(uniqueName()).client, fleetName: "x", template: leaky)
        do {
            _ = try await fleet.launch(count: 1)
            XCTFail("user data with keys must be refused")
        } catch {
            guard case let .service(code, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(code, "InvalidRequest")
        }
    }

    /// A launch retried after a 503 sends the same ClientToken, so EC2 starts
    /// the instances once (moto does not honour ClientToken: checked on the wire).
    func testRetriedLaunchReusesItsClientToken() async throws {
        let calls = NIOLockedValueBox(0)
        let server = try await LoopbackHTTPServer.start { _ in
            let call = calls.withLockedValue { value -> Int in value += 1; return value }
            if call == 1 { return .text(503, "<Response><Errors><Error><Code>Unavailable</Code><Message>try again</Message></Error></Errors></Response>") }
            return .text(200, """
                <?xml version="1.0" encoding="UTF-8"?>
                <RunInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><reservationId>r-1</reservationId>
                <instancesSet><item><instanceId>i-0aaa</instanceId><instanceState><code>0</code><name>pending</name></instanceState></item>
                <item><instanceId>i-0bbb</instanceId><instanceState><code>0</code><name>pending</name></instanceState></item></instancesSet>
                </RunInstancesResponse>
                """)
        }
        let service = try AWSServiceClient(
            service: "ec2", region: "us-east-1", endpoint: try XCTUnwrap(URL(string: server.baseURL)),
            credentials: StaticCredentials(testCredentials), retryPolicy: RetryPolicy(random: { 0 }))
        let fleet = EC2Fleet(client: service, fleetName: "f", template: template)
        let ids = try await fleet.launch(count: 2)
        try await server.stop()
        XCTAssertEqual(ids, [InstanceID("i-0aaa"), InstanceID("i-0bbb")])
        let bodies = server.requests.map { String(decoding: $0.body, as: UTF8.self) }
        XCTAssertEqual(bodies.count, 2)
        let tokens = bodies.map { body in
            body.split(separator: "&").first { $0.hasPrefix("ClientToken=") }.map(String.init)
        }
        XCTAssertNotNil(tokens[0])
        XCTAssertEqual(tokens[0], tokens[1], "one token for every attempt of a launch")
        XCTAssertTrue(bodies[0].contains("MetadataOptions.HttpTokens=required"))
        XCTAssertTrue(bodies[0].contains("InstanceInitiatedShutdownBehavior=terminate"))
        XCTAssertTrue(bodies[0].contains("TagSpecification.1.Tag.1.Key=nommer%3Afleet&TagSpecification.1.Tag.1.Value=f"))
        XCTAssertTrue(bodies[0].contains("IamInstanceProfile.Name=nommer-worker"))
    }
}
