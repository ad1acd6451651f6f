#if canImport(Glibc)
import Glibc
#endif
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NommerCore
import NommerTestSupport
import XCTest
@testable import NommerAWS

/// feederd with `--backend aws` against moto: jobs submitted over HTTP, and
/// for every instance feederd launches through EC2 (moto runs nothing) a
/// local worker process (`--local-workers`) with that instance id, which
/// terminates its instance through EC2 when idle.
final class AWSFeederdEndToEndTests: XCTestCase {
    let keys = ["AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": "us-east-1",
                "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/credentials", "AWS_CONFIG_FILE": "/nonexistent/config"]

    func config(endpoint: String, suffix: String, extra: String = "") -> String {
        """
        name: aws-live-test
        fleet:
          max_instances: 3
        feeder:
          state_check_interval_seconds: 0.3
          spawn_interval_seconds: 0.5
          prune_interval_seconds: 2
          abandon_after_seconds: 300
        worker:
          jobs_per_instance: 2
          long_poll: true
          heartbeat_interval_seconds: 0.5
          idle_shutdown_seconds: 2
          visibility_timeout_seconds: 10
          takeover_after_seconds: 5
        policy:
          name: backlog
          acceptable_latency_seconds: 2
          mean_processing_seconds: 1
          scale_in: false
        aws:
          region: us-east-1
          endpoint_url: \(endpoint)
          new_jobs_queue: new-\(suffix)
          state_changes_queue: changes-\(suffix)
          job_table: jobs-\(suffix)
          fleet_name: fleet-\(suffix)
          ami_id: ami-12c6146b
          instance_type: t3.micro
          metadata_url: http://127.0.0.1:1
          retry_max_attempts: 2
        \(extra)
        """
    }

    /// Creates the queues and the table the backend expects (as an operator would, once).
    func createResources(endpoint: URL, suffix: String) async throws {
        let credentials = StaticCredentials(AWSCredentials(accessKeyID: "testing", secretAccessKey: "testing"))
        let sqs = SQSClient(client: try AWSServiceClient(service: "sqs", region: "us-east-1", endpoint: endpoint,
                                                         credentials: credentials))
        _ = try await sqs.createQueue(name: "new-\(suffix)")
        _ = try await sqs.createQueue(name: "changes-\(suffix)")
        try await DynamoDBClient(client: try AWSServiceClient(service: "dynamodb", region: "us-east-1", endpoint: endpoint,
                                                              credentials: credentials))
            .createJobTable(name: "jobs-\(suffix)", indexName: DynamoDBJobStore.defaultIndexName)
    }

    func fleet(endpoint: URL, suffix: String) throws -> EC2Fleet {
        let credentials = StaticCredentials(AWSCredentials(accessKeyID: "testing", secretAccessKey: "testing"))
        return EC2Fleet(client: try AWSServiceClient(service: "ec2", region: "us-east-1", endpoint: endpoint,
                                                     credentials: credentials),
                        fleetName: "fleet-\(suffix)", template: EC2LaunchTemplate(imageID: "ami-12c6146b", instanceType: "t3.micro"))
    }

    /// Creates the resources, a data directory with `media/in.txt`, and starts
    /// feederd with `--local-workers` on a free port; returns it and its API's base URL.
    func startFeederd(moto: MotoServer, suffix: String, environment: [String: String]) async throws
        -> (feederd: ToolProcess, base: String, directory: String, media: String, source: String) {
        try await createResources(endpoint: moto.endpoint, suffix: suffix)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nommer-aws-\(suffix)").path
        let media = (directory as NSString).appendingPathComponent("media")
        try FileManager.default.createDirectory(atPath: media, withIntermediateDirectories: true)
        let source = (media as NSString).appendingPathComponent("in.txt")
        try "source".write(toFile: source, atomically: true, encoding: .utf8)
        let configPath = (directory as NSString).appendingPathComponent("aws.yaml")
        try config(endpoint: moto.endpoint.absoluteString, suffix: suffix).write(toFile: configPath, atomically: true, encoding: .utf8)
        let feederd = try ToolProcess(["feederd", "--backend", "aws", "--local-workers", "--data-dir", directory,
                                       "--config", configPath, "--listen", "127.0.0.1:0", "--stop-grace-seconds", "5",
                                       "--worker-drain-seconds", "2", "--allow-root", media],
                                      environment: environment, logPath: (directory as NSString).appendingPathComponent("feederd.log"))
        let portFile = (directory as NSString).appendingPathComponent("feederd.port")
        var port: Int?
        _ = await poll(seconds: 30) {
            port = (try? String(contentsOfFile: portFile, encoding: .utf8)).flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            return port != nil
        }
        guard let port else {
            let log = feederd.log.suffix(2000)
            feederd.killGroup()
            throw NSError(domain: "AWSFeederdEndToEndTests", code: 1,
                          userInfo: [NSLocalizedDescriptionKey: "feederd did not listen: \(log)"])
        }
        return (feederd, "http://127.0.0.1:\(port)", directory, media, source)
    }

    func testJobsOverHTTPFinishOnWorkersStandingForMotoInstances() async throws {
        let moto = try MotoServer.start()
        let suffix = String(UUID().uuidString.prefix(8).lowercased())
        // Distinctive keys (moto accepts any), to check that none reaches a log or a record.
        let secret = "SECRET\(suffix)KEY"
        var environment = keys
        environment["AWS_ACCESS_KEY_ID"] = "AKIA\(suffix.uppercased())"
        environment["AWS_SECRET_ACCESS_KEY"] = secret
        let (feederd, base, directory, media, source) = try await startFeederd(moto: moto, suffix: suffix, environment: environment)
        defer { feederd.killGroup() }

        var ids: [String] = []
        for index in 0..<8 {
            let body: [String: Any] = ["nommer": "sleep", "source": "file://\(source)",
                                       "destination": "file://\(media)/out-\(index)", "options": ["seconds": 0.5]]
            let (status, job) = try await request(base + "/jobs", method: .POST, json: body)
            XCTAssertEqual(status, 201, "POST /jobs: \(job)")
            ids.append(try XCTUnwrap(job["id"] as? String))
        }

        let ec2 = try fleet(endpoint: moto.endpoint, suffix: suffix)
        var peak = 0
        var states: [String: String] = [:]
        let finished = await poll(seconds: 45) {
            peak = max(peak, (try? await ec2.describe().count) ?? 0)
            for id in ids where states[id] != "FINISHED" {
                states[id] = (try? await request(base + "/jobs/\(id)", method: .GET).body["state"] as? String) ?? "?"
            }
            return states.values.allSatisfy { $0 == "FINISHED" }
        }
        XCTAssertTrue(finished, "states: \(states)\n\(feederd.log.suffix(3000))")
        XCTAssertGreaterThanOrEqual(peak, 1, "feederd launched no instance")
        let launched = try FileManager.default.contentsOfDirectory(atPath: (directory as NSString).appendingPathComponent("logs"))
        XCTAssertTrue(!launched.isEmpty && launched.allSatisfy { $0.hasPrefix("i-") }, "local workers: \(launched)")

        // Idle workers terminate their own instances through EC2 (the policy does not scale in).
        let idle = await poll(seconds: 20) { (try? await ec2.describe())?.isEmpty == true }
        let alive = (try? await ec2.describe()) ?? []
        XCTAssertTrue(idle, "instances still alive: \(alive)")
        for name in launched {
            let log = (try? String(contentsOfFile: (directory as NSString).appendingPathComponent("logs/\(name)"), encoding: .utf8)) ?? ""
            XCTAssertTrue(log.contains("reason=idle"), "\(name): \(log.suffix(1500))")
        }

        var texts = [feederd.log]
        for name in launched {
            texts.append((try? String(contentsOfFile: (directory as NSString).appendingPathComponent("logs/\(name)"), encoding: .utf8)) ?? "")
        }
        for id in ids { texts.append(String(describing: try await request(base + "/jobs/\(id)", method: .GET).body)) }
        XCTAssertFalse(texts.contains { $0.contains(secret) || $0.contains("AKIA\(suffix.uppercased())") },
                       "a key reached a log or a job record")

        feederd.signal(SIGTERM)
        let status = await feederd.waitForExit(seconds: 15)
        XCTAssertEqual(status, 0, feederd.log.suffix(2000).description)
    }

    /// A worker killed with its job: its instance (still running in EC2) must
    /// not count as capacity, or nothing would ever run the job again.
    func testAKilledLocalWorkersInstanceIsReplacedAndItsJobTakenOver() async throws {
        let moto = try MotoServer.start()
        let suffix = String(UUID().uuidString.prefix(8).lowercased())
        let (feederd, base, directory, media, source) = try await startFeederd(moto: moto, suffix: suffix, environment: keys)
        defer { feederd.killGroup() }
        let body: [String: Any] = ["nommer": "sleep", "source": "file://\(source)", "destination": "file://\(media)/out",
                                   "options": ["seconds": 4]]
        let (status, job) = try await request(base + "/jobs", method: .POST, json: body)
        XCTAssertEqual(status, 201, "POST /jobs: \(job)")
        let id = try XCTUnwrap(job["id"] as? String)

        // The job is under way on a worker: kill that worker.
        let encoding = await poll(seconds: 30) {
            (try? await request(base + "/jobs/\(id)", method: .GET).body["state"] as? String) == "ENCODING"
        }
        XCTAssertTrue(encoding, feederd.log.suffix(2000).description)
        let workers = Self.localWorkers(dataDirectory: directory)
        XCTAssertEqual(workers.count, 1, "local workers: \(workers)")
        for pid in workers { kill(pid, SIGKILL) }

        var last: [String: Any] = [:]
        let finished = await poll(seconds: 60) {
            last = (try? await request(base + "/jobs/\(id)", method: .GET).body) ?? [:]
            return last["state"] as? String == "FINISHED"
        }
        XCTAssertTrue(finished, "job: \(last)\n\(feederd.log.suffix(3000))")
        XCTAssertEqual(last["attempts"] as? Int, 2, "\(last)")
        XCTAssertTrue(feederd.log.contains("local workers gone: terminating their instances"), feederd.log.suffix(3000).description)
    }

    /// Worker processes whose command line names this data directory.
    static func localWorkers(dataDirectory: String) -> [pid_t] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { entry in
            guard let pid = pid_t(entry), let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline") else { return nil }
            let arguments = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            return arguments.contains("worker") && arguments.contains("--instance-id") && arguments.contains(dataDirectory) ? pid : nil
        }
    }

    func testMissingQueueIsOneClearMessageAndExitCode1() async throws {
        let moto = try MotoServer.start()
        let suffix = String(UUID().uuidString.prefix(8).lowercased())
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nommer-aws-\(suffix)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let configPath = (directory as NSString).appendingPathComponent("aws.yaml")
        try config(endpoint: moto.endpoint.absoluteString, suffix: suffix).write(toFile: configPath, atomically: true, encoding: .utf8)
        let feederd = try ToolProcess(["feederd", "--backend", "aws", "--data-dir", directory, "--config", configPath,
                                       "--listen", "127.0.0.1:0"],
                                      environment: keys, logPath: (directory as NSString).appendingPathComponent("feederd.log"))
        defer { feederd.killGroup() }
        let status = await feederd.waitForExit(seconds: 30)
        XCTAssertEqual(status, 1)
        XCTAssertTrue(feederd.log.contains("the AWS backend cannot start:\n  - sqs queue new-\(suffix): the queue does not exist"),
                      feederd.log)
        XCTAssertTrue(feederd.log.contains("dynamodb table jobs-\(suffix): the table does not exist"), feederd.log)

        let worker = try ToolProcess(["worker", "--backend", "aws", "--instance-id", "i-123", "--data-dir", directory,
                                      "--config", configPath],
                                     environment: keys, logPath: (directory as NSString).appendingPathComponent("worker.log"))
        defer { worker.killGroup() }
        let workerStatus = await worker.waitForExit(seconds: 30)
        XCTAssertEqual(workerStatus, 1)
        XCTAssertTrue(worker.log.contains("the AWS backend cannot start"), worker.log)

        // No --instance-id and no metadata service: a clear message.
        let orphan = try ToolProcess(["worker", "--backend", "aws", "--data-dir", directory, "--config", configPath],
                                     environment: keys, logPath: (directory as NSString).appendingPathComponent("orphan.log"))
        defer { orphan.killGroup() }
        let orphanStatus = await orphan.waitForExit(seconds: 30)
        XCTAssertEqual(orphanStatus, 1)
        XCTAssertTrue(orphan.log.contains("give --instance-id"), orphan.log)
    }

    func testBadAWSKeyIsReportedWithFileLineAndColumn() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nommer-aws-bad-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let configPath = (directory as NSString).appendingPathComponent("bad.yaml")
        try "name: bad\naws:\n  region: us-east-1\n  job_store: mysql\n".write(toFile: configPath, atomically: true, encoding: .utf8)
        let feederd = try ToolProcess(["feederd", "--backend", "aws", "--config", configPath, "--listen", "127.0.0.1:0"],
                                      environment: keys, logPath: (directory as NSString).appendingPathComponent("feederd.log"))
        defer { feederd.killGroup() }
        let status = await feederd.waitForExit(seconds: 30)
        XCTAssertEqual(status, 2)
        XCTAssertTrue(feederd.log.contains("bad.yaml:4:"), feederd.log)
        XCTAssertTrue(feederd.log.contains("aws.job_store"), feederd.log)
    }

    private func request(_ url: String, method: HTTPMethod, json: [String: Any]? = nil) async throws -> (status: Int, body: [String: Any]) {
        var request = HTTPClientRequest(url: url)
        request.method = method
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json)))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 1 << 20)
        let object = try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any] ?? [:]
        return (Int(response.status.code), object)
    }
}
