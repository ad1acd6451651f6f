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
        var allow: String?
        var contentType: String?

        /// The body as a JSON object of strings (an error body), or nil.
        var strings: [String: String]? { json as? [String: String] }
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
                      token: String? = nil, authorization: String? = nil) async throws -> Answer {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        request.method = .init(rawValue: method)
        if let body {
            request.body = .bytes(ByteBuffer(string: body))
            request.headers.add(name: "Content-Type", value: "application/json")
        }
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let authorization { request.headers.add(name: "Authorization", value: authorization) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let buffer = try await response.body.collect(upTo: 1 << 20)
        let text = String(buffer: buffer)
        let json = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
        return Answer(status: Int(response.status.code), json: json, text: text,
                      allow: response.headers.first(name: "Allow"), contentType: response.headers.first(name: "Content-Type"))
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

    func testTheBearerSchemeIsCaseInsensitive() async throws {
        try await withAPI(token: "s3cret") { port, _ in
            for header in ["bearer s3cret", "BEARER s3cret", "Bearer  s3cret", "bEaReR s3cret"] {
                let answer = try await call(port, "GET", "/jobs", authorization: header)
                XCTAssertEqual(answer.status, 200, "\(header): \(answer.text)")
            }
            for header in ["Basic s3cret", "bearer", "bearer s3cre", "bearers3cret", "s3cret"] {
                let answer = try await call(port, "GET", "/jobs", authorization: header)
                XCTAssertEqual(answer.status, 401, header)
                XCTAssertEqual(answer.strings, ["error": "a valid bearer token is required", "field": "Authorization"], header)
            }
        }
    }

    func testEveryErrorIsAJSONBodyAsDocumented() async throws {
        try await withAPI { port, _ in
            let notFound = try await call(port, "GET", "/jobs/nonexist")
            XCTAssertEqual(notFound.status, 404)
            XCTAssertEqual(notFound.strings, ["error": "no job nonexist", "field": "id"])
            let cancelMissing = try await call(port, "POST", "/jobs/nonexist/cancel")
            XCTAssertEqual(cancelMissing.status, 404)
            XCTAssertEqual(cancelMissing.strings, ["error": "no job nonexist", "field": "id"])

            let longID = try await call(port, "GET", "/jobs/" + String(repeating: "a", count: 200))
            XCTAssertEqual(longID.status, 400)
            XCTAssertEqual(longID.strings, ["error": "id: missing or too long", "field": "id"])

            let noRoute = try await call(port, "GET", "/nope")
            XCTAssertEqual(noRoute.status, 404)
            XCTAssertEqual(noRoute.strings, ["error": "no route for GET /nope", "field": "path"])
            XCTAssertEqual(noRoute.contentType, "application/json")

            let deleteJobs = try await call(port, "DELETE", "/jobs")
            XCTAssertEqual(deleteJobs.status, 405)
            XCTAssertEqual(deleteJobs.strings, ["error": "DELETE is not allowed on /jobs (allowed: GET, POST)", "field": "method"])
            XCTAssertEqual(deleteJobs.allow, "GET, POST")

            let putJob = try await call(port, "PUT", "/jobs/abc")
            XCTAssertEqual(putJob.status, 405)
            XCTAssertEqual(putJob.strings, ["error": "PUT is not allowed on /jobs/abc (allowed: GET)", "field": "method"])
            XCTAssertEqual(putJob.allow, "GET")

            let getCancel = try await call(port, "GET", "/jobs/abc/cancel")
            XCTAssertEqual(getCancel.status, 405)
            XCTAssertEqual(getCancel.allow, "POST")
        }
        // With a token, an unrouted request without it is refused before anything is revealed.
        try await withAPI(token: "s3cret") { port, _ in
            let anonymous = try await call(port, "DELETE", "/jobs")
            XCTAssertEqual(anonymous.status, 401)
            XCTAssertEqual(anonymous.strings, ["error": "a valid bearer token is required", "field": "Authorization"])
            let known = try await call(port, "GET", "/nope", token: "s3cret")
            XCTAssertEqual(known.status, 404)
            XCTAssertEqual(known.strings, ["error": "no route for GET /nope", "field": "path"])
        }
    }

    private static let singleFileFormats = "mp4, mov, ipod, 3gp, 3g2, matroska, webm, mpegts, mpeg, mp3, ogg, oga, ogv, "
        + "opus, wav, flac, adts, avi, flv, gif, apng, asf, mxf, nut, aiff"

    func testOutputFormatsThatWriteSeveralFilesAreRefused() async throws {
        let described = "single-file output format (one of \(Self.singleFileFormats))"
        let cases: [(options: String, destination: String?, field: String, error: String)] = [
            (#"{"format": "hls"}"#, nil, "options.format", #""hls" is not a valid \#(described)"#),
            (#"{"format": "tee"}"#, nil, "options.format", #""tee" is not a valid \#(described)"#),
            (#"{"format": "dash"}"#, nil, "options.format", #""dash" is not a valid \#(described)"#),
            (#"{"format": "mkv"}"#, nil, "options.format", #""mkv" is not a valid \#(described)"#),
            (#"{"passes": [{"outfile_options": [["-f", "segment"]]}]}"#, nil, "options.passes[0].outfile_options[0]",
             #""segment" is not a valid \#(described) for -f"#),
            (#"{"passes": [{"outfile_options": [["-c:v", "mpeg4"], ["-f", "image2"]]}]}"#, nil,
             "options.passes[0].outfile_options[1]", #""image2" is not a valid \#(described) for -f"#),
            (#"{"passes": [{"outfile_options": [["-f", "tee"]]}]}"#, nil, "options.passes[0].outfile_options[0]",
             #""tee" is not a valid \#(described) for -f"#),
            (#"{"passes": [{"outfile_options": [["-f", "mp4"]]}, {"outfile_options": [["-f", "hls"]]}]}"#, nil,
             "options.passes[1].outfile_options[0]", #""hls" is not a valid \#(described) for -f"#),
            (#"{"video_codec": "mpeg4"}"#, "file://\(root)/out.m3u8", "destination",
             "ffmpeg would choose the output format from the extension .m3u8, which does not name a single-file format; "
                + "end it in .3g2 .3gp .aac .aif .aiff .apng .asf .avi .flac .flv .gif .m2ts .m4a .m4v .mka .mkv .mov .mp3 .mp4 "
                + ".mpeg .mpg .mts .mxf .nut .oga .ogg .ogv .opus .ts .wav .webm .wma .wmv "
                + "or give the format (options.format or -f: \(Self.singleFileFormats))"),
        ]
        try await withAPI { port, service in
            for item in cases {
                let body = jobBody(destination: item.destination, nommer: "ffmpeg", options: item.options)
                let answer = try await call(port, "POST", "/jobs", body: body)
                XCTAssertEqual(answer.status, 400, item.options)
                XCTAssertEqual(answer.strings, ["error": "\(item.field): \(item.error)", "field": item.field], item.options)
            }
            for extra in ["out.mpd", "frame.jpg", "out"] {
                let answer = try await call(port, "POST", "/jobs", body: jobBody(destination: "file://\(root)/\(extra)",
                                                                                   nommer: "ffmpeg", options: "{}"))
                XCTAssertEqual(answer.status, 400, extra)
                XCTAssertEqual(answer.json["field"] as? String, "destination", extra)
            }
            let submitted = try await service.submitted
            XCTAssertEqual(submitted.count, 0)

            // Single-file formats pass, in both shapes; a named format makes any extension fine.
            for (options, destination) in [(#"{"format": "mp4"}"#, "out.mp4"), (#"{"format": "matroska"}"#, "out.mkv"),
                                           (#"{"passes": [{"outfile_options": [["-f", "mpegts"]]}]}"#, "out.ts"),
                                           (#"{"format": "mpegts"}"#, "out.m3u8"), ("{}", "out.webm"), ("{}", "OUT.MP4")] {
                let answer = try await call(port, "POST", "/jobs", body: jobBody(destination: "file://\(root)/\(destination)",
                                                                                   nommer: "ffmpeg", options: options))
                XCTAssertEqual(answer.status, 201, "\(options) \(destination): \(answer.text)")
            }

            // media-nommer's body names its own fields.
            let legacy = try await call(port, "POST", "/job/submit", body: #"""
                {"source_path": "file://\#(root)/in.mp4", "dest_path": "file://\#(root)/out.m3u8",
                 "job_options": {"nommer": "ffmpeg", "options": {"passes": [{"outfile_options": [["-f", "hls"]]}]}}}
                """#)
            XCTAssertEqual(legacy.status, 400)
            XCTAssertEqual(legacy.json["message"] as? String,
                           #"job_options.options.passes[0].outfile_options[0]: "hls" is not a valid \#(described) for -f"#)
            let legacyExtension = try await call(port, "POST", "/job/submit", body: #"""
                {"source_path": "file://\#(root)/in.mp4", "dest_path": "file://\#(root)/out.m3u8",
                 "job_options": {"nommer": "ffmpeg", "options": {"passes": [{"outfile_options": [["-vcodec", "mpeg4"]]}]}}}
                """#)
            XCTAssertEqual(legacyExtension.status, 400)
            XCTAssertTrue((legacyExtension.json["message"] as? String)?.hasPrefix("dest_path: ffmpeg would choose") == true,
                          legacyExtension.text)
        }
    }

    func testNumericHostsInEveryIPv4FormAreJudgedAsTheirAddress() async throws {
        let refused: [(host: String, address: String)] = [
            ("2130706433:18101", "127.0.0.1"), ("0x7f.1", "127.0.0.1"), ("127.1", "127.0.0.1"),
            ("017700000001", "127.0.0.1"), ("0x7f000001", "127.0.0.1"), ("0177.0.0.1", "127.0.0.1"),
            ("127.0.1", "127.0.0.1"), ("0xa9.0xfe.0xa9.0xfe", "169.254.169.254"), ("2852039166", "169.254.169.254"),
            ("10.0x10203", "10.1.2.3"), ("0", "0.0.0.0"), ("127.0.0.1.", "127.0.0.1"),
        ]
        try await withAPI { port, service in
            for item in refused {
                let host = item.host.split(separator: ":").first.map(String.init) ?? item.host
                let source = "http://\(item.host)/in.mp4"
                let answer = try await call(port, "POST", "/jobs", body: jobBody(source: source))
                XCTAssertEqual(answer.status, 400, source)
                XCTAssertEqual(answer.strings, [
                    "error": "source: address \(host) (\(item.address)) is private, loopback or link-local and not allowed",
                    "field": "source",
                ], source)
                let notify = try await call(port, "POST", "/jobs", body: jobBody(extra: #", "notify_url": "\#(source)""#))
                XCTAssertEqual(notify.status, 400, source)
                XCTAssertEqual(notify.json["field"] as? String, "notify_url", source)
            }
            for host in ["1.2.3.4.5", "4294967296", "256.1.1.1", "08.1.1.1", "1.0x1000000"] {
                let answer = try await call(port, "POST", "/jobs", body: jobBody(source: "http://\(host)/in.mp4"))
                XCTAssertEqual(answer.status, 400, host)
                XCTAssertEqual(answer.strings, ["error": "source: host \(host) is not a valid IPv4 address", "field": "source"], host)
            }
            let submitted = try await service.submitted
            XCTAssertEqual(submitted.count, 0)
            // Public addresses in the same forms, and names, pass.
            for host in ["0x08080808", "134744072", "8.8.2056", "example.com", "0x7f.example.com"] {
                let answer = try await call(port, "POST", "/jobs", body: jobBody(source: "http://\(host)/in.mp4"))
                XCTAssertEqual(answer.status, 201, "\(host): \(answer.text)")
            }
        }
    }

    func testFileURIsRefuseAnEncodedSlashAndControlCharacters() async throws {
        let cases: [(uri: String, field: String, error: String)] = [
            ("out%2Fsub.mp4", "destination", "an encoded / (%2F) is not allowed in a file URI's path"),
            ("out%2fsub.mp4", "destination", "an encoded / (%2F) is not allowed in a file URI's path"),
            ("ok%00.mp4", "destination", "a control character (such as %00) is not allowed in a file URI's path"),
            ("ok%0A.mp4", "destination", "a control character (such as %00) is not allowed in a file URI's path"),
            ("ok%7F.mp4", "destination", "a control character (such as %00) is not allowed in a file URI's path"),
            ("bad%FF.mp4", "destination", "a file URI's path must decode to UTF-8"),
            ("a%zz.mp4", "destination", "a % must be followed by two hex digits in a file URI's path"),
            ("q.mp4?a=b", "destination", "a file URI has no query (?) or fragment (#): a file name holding them must encode them (%3F, %23)"),
            ("in.mp4", "destination", "is the source file: the job would overwrite its own input"),
        ]
        try await withAPI { port, service in
            for item in cases {
                let answer = try await call(port, "POST", "/jobs", body: jobBody(destination: "file://\(root)/\(item.uri)"))
                XCTAssertEqual(answer.status, 400, item.uri)
                XCTAssertEqual(answer.strings, ["error": "\(item.field): \(item.error)", "field": item.field], item.uri)
            }
            let source = try await call(port, "POST", "/jobs", body: jobBody(source: "file://\(root)/in%2F..%2F..%2Fx.mp4"))
            XCTAssertEqual(source.strings, ["error": "source: an encoded / (%2F) is not allowed in a file URI's path",
                                            "field": "source"])
            let submitted = try await service.submitted
            XCTAssertEqual(submitted.count, 0)

            let spaced = try await call(port, "POST", "/jobs", body: jobBody(destination: "file://\(root)/out%20clip.mp4"))
            XCTAssertEqual(spaced.status, 201, spaced.text)
            XCTAssertEqual(spaced.json["destination"] as? String, "file://\(root)/out%20clip.mp4")
        }
    }

    func testPortsOutsideSixteenBitsAreRefused() async throws {
        try await withAPI { port, service in
            let source = try await call(port, "POST", "/jobs", body: jobBody(source: "http://example.com:99999/in.mp4"))
            XCTAssertEqual(source.strings, ["error": "source: port 99999 is not in 1...65535", "field": "source"])
            let notify = try await call(port, "POST", "/jobs", body: jobBody(extra: #", "notify_url": "http://example.com:0/x""#))
            XCTAssertEqual(notify.strings, ["error": "notify_url: port 0 is not in 1...65535", "field": "notify_url"])
            let submitted = try await service.submitted
            XCTAssertEqual(submitted.count, 0)
        }
        // At run time too (a job stored before this check): refused, not a trap in NIO.
        XCTAssertThrowsError(try AddressGuard().checkedAddress(forURL: "http://127.0.0.1:99999/x")) {
            XCTAssertEqual($0 as? AddressGuard.Refusal, .portOutOfRange(url: "http://127.0.0.1:99999/x", port: 99999))
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
