import Foundation
import NommerHTTP
import NommerLive
import NommerNommers
import NommerTestSupport
import XCTest

/// `submit` and `status` against a real job API on 127.0.0.1 (the embedded backend's job service on a real SQLite file).
final class SubmitStatusCommandTests: XCTestCase {
    func testSubmitThenStatus() async throws {
        let root = NSTemporaryDirectory() + "cli-api-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let settings = APISettings(host: "127.0.0.1", port: 0, token: "tok", roots: try AllowedRoots([root]))
        let service = try EmbeddedTestService()
        try await withTestServer({ onListening in
            try JobAPI.application(service: service, nommers: [SleepNommer()], settings: settings, onListening: onListening,
                                   logger: testServerLogger)
        }) { port in
            let server = "http://127.0.0.1:\(port)"
            let submitted = try ToolRunner.run(["submit", "--server", server, "--token", "tok",
                                                "--source", "file://\(root)/a.mp4", "--destination", "file://\(root)/b.mp4",
                                                "--nommer", "sleep", "--options", #"{"seconds": 2}"#])
            XCTAssertEqual(submitted.status, 0, submitted.stderr)
            let job = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(submitted.stdout.utf8)) as? [String: Any])
            let id = try XCTUnwrap(job["id"] as? String)
            XCTAssertEqual(job["state"] as? String, "PENDING")

            let one = try ToolRunner.run(["status", "--server", server, "--token", "tok", id])
            XCTAssertEqual(one.status, 0, one.stderr)
            XCTAssertTrue(one.stdout.contains(#""id":"\#(id)""#), one.stdout)

            let listed = try ToolRunner.run(["status", "--server", server, "--token", "tok", "--state", "PENDING"])
            XCTAssertEqual(listed.status, 0, listed.stderr)
            let list = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any])
            XCTAssertEqual((list["jobs"] as? [Any])?.count, 1)

            let refused = try ToolRunner.run(["submit", "--server", server, "--token", "tok",
                                              "--source", "file:///etc/passwd", "--destination", "file://\(root)/b.mp4",
                                              "--nommer", "sleep"])
            XCTAssertEqual(refused.status, 2)
            XCTAssertTrue(refused.stderr.contains("HTTP 400: source:"), refused.stderr)

            let unauthorized = try ToolRunner.run(["status", "--server", server, "--token", "wrong", id])
            XCTAssertEqual(unauthorized.status, 1)
            XCTAssertTrue(unauthorized.stderr.contains("HTTP 401"), unauthorized.stderr)

            let missing = try ToolRunner.run(["status", "--server", server, "--token", "tok", "nope"])
            XCTAssertEqual(missing.status, 1)
        }
    }

    func testNoServerListeningIsExitCodeThreeWithTheAddress() throws {
        // Port 1 on the loopback: nothing listens, the connection is refused.
        let status = try ToolRunner.run(["status", "--server", "http://127.0.0.1:1", "j1"])
        XCTAssertEqual(status.status, 3, status.stderr)
        XCTAssertTrue(status.stderr.hasPrefix("cannot reach http://127.0.0.1:1:"), status.stderr)
        XCTAssertTrue(status.stderr.contains("Connection refused"), status.stderr)
    }
}
