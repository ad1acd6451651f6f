import AsyncHTTPClient
import Foundation
import NIOCore
import NommerCore
import NommerHTTP
import NommerLive
import NommerNommers
import NommerTestSupport
import XCTest

/// The job API on a real Hummingbird server on 127.0.0.1, over the embedded backend's JobService (a real SQLite file).
final class JobAPITests: XCTestCase {
    private var base = ""
    private var root = ""

    override func setUpWithError() throws {
        base = NSTemporaryDirectory() + "job-api-\(UUID().uuidString)"
        root = base + "/media"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: base + "/outside", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: root + "/escape", withDestinationPath: base + "/outside")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: base)
    }

    struct Answer {
        let status: Int
        let json: [String: Any]
        let text: String
    }

    private func settings(token: String? = nil, host: String = "127.0.0.1") throws -> APISettings {
        APISettings(host: host, port: 0, token: token, roots: try AllowedRoots([root]), maximumBodyBytes: 8 * 1024,
                    maximumURIBytes: 512, maximumOptionsBytes: 1024)
    }

    private func withAPI(token: String? = nil, _ body: (Int, EmbeddedTestService) async throws -> Void) async throws {
        let service = try EmbeddedTestService()
        let settings = try settings(token: token)
        let nommers: [any Nommer] = [SleepNommer(), FFmpegNommer(roots: settings.roots, addressGuard: AddressGuard())]
        try await withTestServer({ onListening in
            try JobAPI.application(service: service, nommers: nommers, settings: settings,
                                   metrics: { "nommer_jobs_total 3\n" }, onListening: onListening,
                                   logger: testServerLogger)
        }) { port in
            try await body(port, service)
        }
    }

    private func call(_ port: Int, _ method: String, _ path: String, body: String? = nil,
                      token: String? = nil) async throws -> Answer {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        request.method = .init(rawValue: method)
        if let body {
            request.body = .bytes(ByteBuffer(string: body))
            request.headers.add(name: "Content-Type", value: "application/json")
        }
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let buffer = try await response.body.collect(upTo: 1 << 20)
        let text = String(buffer: buffer)
        let json = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
        return Answer(status: Int(response.status.code), json: json, text: text)
    }

    private func jobBody(source: String? = nil, destination: String? = nil, nommer: String = "sleep",
                         options: String = #"{"seconds": 1}"#, extra: String = "") -> String {
        let source = source ?? "file://\(root)/in.mp4"
        let destination = destination ?? "file://\(root)/out.mp4"
        return #"{"source": "\#(source)", "destination": "\#(destination)", "nommer": "\#(nommer)", "options": \#(options)\#(extra)}"#
    }

    func testSubmitGetListAndCancel() async throws {
        try await withAPI { port, service in
            let created = try await call(port, "POST", "/jobs", body: jobBody(extra: #", "notify_url": "https://example.com/hook""#))
            XCTAssertEqual(created.status, 201, created.text)
            XCTAssertEqual(created.json["state"] as? String, "PENDING")
            XCTAssertEqual(created.json["nommer"] as? String, "sleep")
            XCTAssertEqual((created.json["options"] as? [String: Any])?["seconds"] as? Double, 1)
            XCTAssertEqual(created.json["notify"] as? String, "json")
            let id = try XCTUnwrap(created.json["id"] as? String)
            let submitted = try await service.submitted
            XCTAssertEqual(submitted.first?.notifyURL, "https://example.com/hook")

            let fetched = try await call(port, "GET", "/jobs/\(id)")
            XCTAssertEqual(fetched.status, 200)
            XCTAssertEqual(fetched.json["id"] as? String, id)
            do { let answer = try await call(port, "GET", "/jobs/nope"); XCTAssertEqual(answer.status, 404) }

            _ = try await call(port, "POST", "/jobs", body: jobBody())
            let listed = try await call(port, "GET", "/jobs?state=PENDING&limit=1")
            XCTAssertEqual(listed.status, 200)
            XCTAssertEqual((listed.json["jobs"] as? [[String: Any]])?.count, 1)
            do { let answer = try await call(port, "GET", "/jobs?state=BORED"); XCTAssertEqual(answer.json["field"] as? String, "state") }
            do { let answer = try await call(port, "GET", "/jobs?limit=0"); XCTAssertEqual(answer.json["field"] as? String, "limit") }

            let cancelled = try await call(port, "POST", "/jobs/\(id)/cancel")
            XCTAssertEqual(cancelled.status, 200)
            XCTAssertEqual(cancelled.json["state"] as? String, "ERROR")
            XCTAssertEqual(cancelled.json["state_details"] as? String, "cancelled")
            do { let answer = try await call(port, "POST", "/jobs/nope/cancel"); XCTAssertEqual(answer.status, 404) }

            let health = try await call(port, "GET", "/health")
            XCTAssertEqual(health.json["status"] as? String, "ok")
            do { let answer = try await call(port, "GET", "/metrics"); XCTAssertEqual(answer.text, "nommer_jobs_total 3\n") }
        }
    }

    func testEachValidationRuleAnswers400NamingTheField() async throws {
        let long = String(repeating: "a", count: 600)
        let cases: [(String, String)] = [
            (jobBody(nommer: "x264"), "nommer"),
            (jobBody(source: "ftp://example.com/a.mp4"), "source"),
            (jobBody(source: "s3://bucket/a.mp4"), "source"),
            (jobBody(destination: "http://example.com/out.mp4"), "destination"),
            (jobBody(source: "file:///etc/passwd"), "source"),
            (jobBody(destination: "file://\(root)/../outside/x.mp4"), "destination"),
            (jobBody(destination: "file://\(root)/escape/x.mp4"), "destination"),
            (jobBody(source: "http://169.254.169.254/latest/meta-data/"), "source"),
            (jobBody(source: "http://[fd00:ec2::254]/x"), "source"),
            (jobBody(source: "file://\(root)/\(long).mp4"), "source"),
            (jobBody(options: #"{"seconds": "ten"}"#), "options.seconds"),
            (jobBody(options: "[1, 2]"), "options"),
            (jobBody(options: #"{"pad": "\#(String(repeating: "x", count: 1100))"}"#), "options"),
            (jobBody(nommer: "ffmpeg", options: #"{"passes": [{"outfile_options": [["-i", "/etc/passwd"]]}]}"#),
             "options.passes[0].outfile_options[0]"),
            (jobBody(extra: #", "notify_url": "file:///etc/passwd""#), "notify_url"),
            (jobBody(extra: #", "notify_url": "http://169.254.169.254/""#), "notify_url"),
            (jobBody(extra: #", "notify": "carrier-pigeon""#), "notify"),
            (jobBody(extra: #", "priority": 1"#), "priority"),
            (#"{"destination": "file:///x", "nommer": "sleep"}"#, "source"),
            (#"{"source": 5, "destination": "file:///x", "nommer": "sleep"}"#, "source"),
            ("{not json", "body"),
            ("[1]", "body"),
            (#"{"source": "\#(String(repeating: "a", count: 9000))"}"#, "body"),
        ]
        try await withAPI { port, service in
            for (body, field) in cases {
                let answer = try await call(port, "POST", "/jobs", body: body)
                XCTAssertEqual(answer.status, 400, "\(body.prefix(120)): \(answer.text)")
                XCTAssertEqual(answer.json["field"] as? String, field, "\(body.prefix(120)): \(answer.text)")
                XCTAssertNotNil(answer.json["error"] as? String)
            }
            let submitted = try await service.submitted
            XCTAssertEqual(submitted.count, 0)
        }
    }

    func testLegacySubmitEndpoint() async throws {
        try await withAPI { port, service in
            let body = #"""
                {"source_path": "file://\#(root)/in.mp4", "dest_path": "file://\#(root)/out.mp4",
                 "notify_url": "https://example.com/cb",
                 "job_options": {"nommer": "media_nommer.ec2nommerd.nommers.ffmpeg.FFmpegNommer",
                                 "options": {"passes": [{"outfile_options": [["-vcodec", "libx264"], ["-an", null]]}]}}}
                """#
            let accepted = try await call(port, "POST", "/job/submit", body: body)
            XCTAssertEqual(accepted.status, 200, accepted.text)
            XCTAssertEqual(accepted.json["success"] as? Bool, true)
            let id = try XCTUnwrap(accepted.json["job_id"] as? String)
            let submitted = try await service.submitted
            XCTAssertEqual(submitted.first?.nommer, "ffmpeg")
            XCTAssertEqual(submitted.first?.notifyStyle, .legacy)
            do { let answer = try await call(port, "GET", "/jobs/\(id)"); XCTAssertEqual(answer.json["notify"] as? String, "legacy") }

            let refused = try await call(port, "POST", "/job/submit", body: #"""
                {"source_path": "file:///etc/passwd", "dest_path": "file://\#(root)/o.mp4", "job_options": {"nommer": "ffmpeg"}}
                """#)
            XCTAssertEqual(refused.status, 400)
            XCTAssertEqual(refused.json["success"] as? Bool, false)
            XCTAssertTrue((refused.json["message"] as? String)?.hasPrefix("source_path:") == true, refused.text)
            let badFlag = try await call(port, "POST", "/job/submit", body: #"""
                {"source_path": "file://\#(root)/in.mp4", "dest_path": "file://\#(root)/o.mp4",
                 "job_options": {"nommer": "ffmpeg", "options": {"passes": [{"infile_options": [["-dump_attachment", "x"]]}]}}}
                """#)
            XCTAssertTrue((badFlag.json["message"] as? String)?.hasPrefix("job_options.options.passes[0].infile_options[0]:") == true,
                          badFlag.text)
            let malformed = try await call(port, "POST", "/job/submit", body: "{")
            XCTAssertEqual(malformed.json["success"] as? Bool, false)
        }
    }

    func testBearerTokenIsRequiredOnEveryRouteButHealth() async throws {
        try await withAPI(token: "s3cret") { port, _ in
            do { let answer = try await call(port, "GET", "/health"); XCTAssertEqual(answer.status, 200) }
            do { let answer = try await call(port, "GET", "/jobs"); XCTAssertEqual(answer.status, 401) }
            do { let answer = try await call(port, "GET", "/jobs", token: "wrong"); XCTAssertEqual(answer.status, 401) }
            do { let answer = try await call(port, "GET", "/metrics"); XCTAssertEqual(answer.status, 401) }
            do { let answer = try await call(port, "POST", "/jobs", body: jobBody()); XCTAssertEqual(answer.status, 401) }
            do { let answer = try await call(port, "POST", "/job/submit", body: "{}"); XCTAssertEqual(answer.status, 401) }
            do { let answer = try await call(port, "GET", "/jobs", token: "s3cret"); XCTAssertEqual(answer.status, 200) }
            do { let answer = try await call(port, "POST", "/jobs", body: jobBody(), token: "s3cret"); XCTAssertEqual(answer.status, 201) }
        }
    }

    func testTokenComesFromTheOptionOrTheEnvironment() {
        XCTAssertEqual(APISettings.token(option: "a", environment: ["NOMMER_TOKEN": "b"]), "a")
        XCTAssertEqual(APISettings.token(option: nil, environment: ["NOMMER_TOKEN": "b"]), "b")
        XCTAssertNil(APISettings.token(option: "", environment: ["NOMMER_TOKEN": ""]))
    }

    func testNonLoopbackListenAddressNeedsAToken() throws {
        let service = try EmbeddedTestService()
        XCTAssertThrowsError(try JobAPI.application(service: service, nommers: [SleepNommer()],
                                                    settings: settings(host: "0.0.0.0"))) {
            XCTAssertEqual($0 as? APIStartError, .tokenRequired(host: "0.0.0.0"))
        }
        XCTAssertNoThrow(try JobAPI.application(service: service, nommers: [SleepNommer()],
                                                settings: settings(token: "t", host: "0.0.0.0")))
        XCTAssertNoThrow(try JobAPI.application(service: service, nommers: [SleepNommer()], settings: settings(host: "::1")))
    }
}
