import Foundation
import Hummingbird
import NommerCore
import NommerLive
import NommerNommers
import NommerTestSupport
import XCTest

/// The ffmpeg nommer with real ffmpeg on a one-second clip made by `testsrc`.
final class FFmpegNommerTests: XCTestCase {
    private var base = ""
    private var root = ""
    private var ffmpeg = ""
    private var ffprobe = ""

    override func setUpWithError() throws {
        guard let ffmpegPath = FFmpegSettings.locate("ffmpeg"), let ffprobePath = FFmpegSettings.locate("ffprobe") else {
            throw XCTSkip("ffmpeg/ffprobe not installed (scripts/bootstrap installs them)")
        }
        ffmpeg = ffmpegPath
        ffprobe = ffprobePath
        base = NSTemporaryDirectory() + "ffmpeg-nommer-\(UUID().uuidString)"
        root = base + "/media"
        try FileManager.default.createDirectory(atPath: root + "/out", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: base + "/work", withIntermediateDirectories: true)
        let made = try runTool(ffmpeg, ["-hide_banner", "-loglevel", "error", "-f", "lavfi",
                                        "-i", "testsrc=duration=1:size=160x120:rate=10", "-pix_fmt", "yuv420p",
                                        root + "/clip.mp4"])
        XCTAssertEqual(made.status, 0)
    }

    override func tearDownWithError() throws {
        if !base.isEmpty { try? FileManager.default.removeItem(atPath: base) }
    }

    private func nommer(allowing networks: [String] = [], timeLimitSeconds: Double = 60) throws -> FFmpegNommer {
        FFmpegNommer(settings: FFmpegSettings(executablePath: ffmpeg, timeLimitSeconds: timeLimitSeconds),
                     roots: try AllowedRoots([root]), addressGuard: AddressGuard(allowed: networks.compactMap(CIDR.init)))
    }

    private func job(source: String, destination: String, options: String) -> EncodingJob {
        EncodingJob(id: JobID("job-1"), sourceURI: source, destinationURI: destination, nommer: "ffmpeg",
                    jobOptionsJSON: options, createdAt: 0)
    }

    /// Runs the three phases, stopping at the first failure.
    private func runAll(_ nommer: FFmpegNommer, _ job: EncodingJob) async -> (PhaseOutcome, WorkPhase) {
        let workspace = base + "/work/\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: workspace, withIntermediateDirectories: true)
        for phase in WorkPhase.allCases {
            let outcome = await nommer.run(phase, of: job, workspace: workspace) {}
            if outcome != .completed { return (outcome, phase) }
        }
        return (.completed, .upload)
    }

    /// A 10-second 160x120 clip (250 frames) in the media root.
    private func makeLongClip(_ name: String) throws -> String {
        let path = root + "/" + name
        let made = try runTool(ffmpeg, ["-hide_banner", "-loglevel", "error", "-f", "lavfi",
                                        "-i", "testsrc=duration=10:size=160x120:rate=25", "-c:v", "mpeg4", path])
        XCTAssertEqual(made.status, 0)
        return path
    }

    private func probe(_ path: String) throws -> String {
        try runTool(ffprobe, ["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=codec_name,width,height",
                              "-of", "csv=p=0", path]).output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func testKeyedOptionsEncodeAFileThatFFprobeReads() async throws {
        let destination = root + "/out/small.mp4"
        let (outcome, _) = await runAll(try nommer(), job(
            source: "file://\(root)/clip.mp4", destination: "file://\(destination)",
            options: #"{"video_codec": "mpeg4", "size": "80x60", "video_bitrate": "100k", "no_audio": true}"#))
        XCTAssertEqual(outcome, .completed)
        XCTAssertEqual(try probe(destination), "mpeg4,80,60")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: root + "/out").filter { $0.hasSuffix(".tmp") }
        XCTAssertEqual(leftovers, [])
    }

    func testMediaNommerTwoPassOptionsWorkAndReplaceTheOutputAtomically() async throws {
        let destination = root + "/out/legacy.mp4"
        try Data("old".utf8).write(to: URL(fileURLWithPath: destination))
        let options = #"""
            {"passes": [
              {"outfile_options": [["-vcodec", "mpeg4"], ["-b:v", "80k"], ["-s", "96x72"], ["-an", null], ["-f", "mp4"]]},
              {"outfile_options": [["-vcodec", "mpeg4"], ["-b:v", "80k"], ["-s", "96x72"], ["-an", null]]}
            ]}
            """#
        let (outcome, _) = await runAll(try nommer(), job(source: "file://\(root)/clip.mp4",
                                                          destination: "file://\(destination)", options: options))
        XCTAssertEqual(outcome, .completed)
        XCTAssertEqual(try probe(destination), "mpeg4,96,72")
    }

    func testMissingSourceEndsWithAUsefulDetail() async throws {
        let (outcome, phase) = await runAll(try nommer(), job(source: "file://\(root)/nope.mp4",
                                                              destination: "file://\(root)/out/x.mp4", options: "{}"))
        XCTAssertEqual(phase, .download)
        guard case .failed(let details) = outcome else { return XCTFail("expected a failure") }
        XCTAssertTrue(details.contains("nope.mp4 does not exist"), details)
    }

    func testSourceOutsideTheRootsIsRefused() async throws {
        let (outcome, phase) = await runAll(try nommer(), job(source: "file:///etc/hostname",
                                                              destination: "file://\(root)/out/x.mp4", options: "{}"))
        XCTAssertEqual(phase, .download)
        guard case .failed(let details) = outcome else { return XCTFail("expected a failure") }
        XCTAssertTrue(details.contains("outside the allowed roots"), details)
    }

    func testDestinationOutsideTheRootsIsNeverWritten() async throws {
        let outside = base + "/elsewhere"
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: root + "/out/link", withDestinationPath: outside)
        let (outcome, phase) = await runAll(try nommer(), job(
            source: "file://\(root)/clip.mp4", destination: "file://\(root)/out/link/x.mp4",
            options: #"{"video_codec": "mpeg4"}"#))
        XCTAssertEqual(phase, .upload)
        guard case .failed(let details) = outcome else { return XCTFail("expected a failure") }
        XCTAssertTrue(details.contains("outside the allowed roots"), details)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: outside), [])
    }

    func testADestinationWhoseExtensionPicksAMultiFileMuxerIsRefused() async throws {
        let nommer = try nommer()
        let destination = "file://\(root)/out/list.m3u8"
        XCTAssertThrowsError(try nommer.validate(optionsJSON: #"{"video_codec": "mpeg4"}"#, destinationURI: destination)) {
            XCTAssertEqual(($0 as? JobRequestError)?.field, "destination")
        }
        XCTAssertNoThrow(try nommer.validate(optionsJSON: #"{"format": "mpegts"}"#, destinationURI: destination))
        XCTAssertNoThrow(try nommer.validate(optionsJSON: "{}", destinationURI: "file://\(root)/out/x.mkv"))
        // A job stored before the check fails in the encode phase, before ffmpeg runs, and writes nothing.
        let (outcome, phase) = await runAll(nommer, job(source: "file://\(root)/clip.mp4", destination: destination,
                                                        options: #"{"video_codec": "mpeg4"}"#))
        XCTAssertEqual(phase, .encode)
        guard case .failed(let details) = outcome else { return XCTFail("expected a failure") }
        XCTAssertTrue(details.hasPrefix("ffmpeg options: destination: ffmpeg would choose the output format from the extension .m3u8"),
                      details)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root + "/out"), [])
        let (hls, hlsPhase) = await runAll(nommer, job(source: "file://\(root)/clip.mp4", destination: "file://\(root)/out/x.mp4",
                                                       options: #"{"format": "hls"}"#))
        XCTAssertEqual(hlsPhase, .encode)
        guard case .failed(let hlsDetails) = hls else { return XCTFail("expected a failure") }
        XCTAssertTrue(hlsDetails.hasPrefix(#"ffmpeg options: options.format: "hls" is not a valid single-file output format"#),
                      hlsDetails)
    }

    func testAPercentEncodedDestinationIsDecodedOnce() async throws {
        let (outcome, _) = await runAll(try nommer(), job(source: "file://\(root)/clip.mp4",
                                                          destination: "file://\(root)/out/out%20clip.mp4",
                                                          options: #"{"video_codec": "mpeg4"}"#))
        XCTAssertEqual(outcome, .completed)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root + "/out"), ["out clip.mp4"])
        let (refused, phase) = await runAll(try nommer(), job(source: "file://\(root)/clip.mp4",
                                                              destination: "file://\(root)/out/out%2Fsub.mp4",
                                                              options: #"{"video_codec": "mpeg4"}"#))
        XCTAssertEqual(phase, .upload)
        guard case .failed = refused else { return XCTFail("expected a failure") }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root + "/out"), ["out clip.mp4"])
    }

    func testDisallowedFlagIsRefused() async throws {
        let options = #"{"passes": [{"outfile_options": [["-i", "/etc/passwd"]]}]}"#
        XCTAssertThrowsError(try nommer().validate(optionsJSON: options)) {
            XCTAssertEqual(($0 as? JobRequestError)?.field, "options.passes[0].outfile_options[0]")
        }
        let (outcome, phase) = await runAll(try nommer(), job(source: "file://\(root)/clip.mp4",
                                                              destination: "file://\(root)/out/x.mp4", options: options))
        XCTAssertEqual(phase, .encode)
        guard case .failed(let details) = outcome else { return XCTFail("expected a failure") }
        XCTAssertTrue(details.contains("not allowed"), details)
    }

    func testAPlaylistSourceCannotReadFilesOutsideTheRoots() async throws {
        // An HLS playlist (or a concat list) inside the root naming a clip outside it.
        let outside = base + "/secret"
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: root + "/clip.mp4", toPath: outside + "/clip.mp4")
        let playlist = "#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\nfile://\(outside)/clip.mp4\n#EXT-X-ENDLIST\n"
        try Data(playlist.utf8).write(to: URL(fileURLWithPath: root + "/playlist.mp4"))
        let concat = "ffconcat version 1.0\nfile '\(outside)/clip.mp4'\n"
        try Data(concat.utf8).write(to: URL(fileURLWithPath: root + "/list.mp4"))
        for name in ["playlist.mp4", "list.mp4"] {
            let (outcome, phase) = await runAll(try nommer(), job(source: "file://\(root)/\(name)",
                                                                  destination: "file://\(root)/out/leak.mp4",
                                                                  options: #"{"video_codec": "mpeg4"}"#))
            XCTAssertEqual(phase, .encode, name)
            guard case .failed(let details) = outcome else { return XCTFail("\(name) must not be read") }
            XCTAssertTrue(details.contains("not on whitelist"), details)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: root + "/out/leak.mp4"))
    }

    func testFFmpegFailureDetailsCarryTheTailOfStderr() async throws {
        let (outcome, phase) = await runAll(try nommer(), job(source: "file://\(root)/clip.mp4",
                                                              destination: "file://\(root)/out/x.mp4",
                                                              options: #"{"video_codec": "no_such_codec"}"#))
        XCTAssertEqual(phase, .encode)
        guard case .failed(let details) = outcome else { return XCTFail("expected a failure") }
        XCTAssertTrue(details.hasPrefix("ffmpeg exited with status"), details)
        XCTAssertTrue(details.contains("no_such_codec"), details)
    }

    func testTimeLimitKillsALongEncode() async throws {
        // 250 small frames scaled up to 4K each: seconds of work, far longer than the 0.3 s limit.
        let long = try makeLongClip("long.mp4")
        let started = ContinuousClock.now
        let (outcome, phase) = await runAll(try nommer(timeLimitSeconds: 0.3), job(
            source: "file://\(long)", destination: "file://\(root)/out/long.mp4",
            options: #"{"video_codec": "mpeg4", "scale": "3840:2160"}"#))
        XCTAssertEqual(phase, .encode)
        guard case .failed(let details) = outcome else { return XCTFail("expected a failure, ffmpeg was too fast") }
        XCTAssertTrue(details.contains("killed after the time limit of 0.3 s"), details)
        XCTAssertLessThan(ContinuousClock.now - started, .seconds(30))
    }

    func testCancellationKillsFFmpeg() async throws {
        let long = try makeLongClip("long2.mp4")
        let nommer = try nommer()
        let job = job(source: "file://\(long)", destination: "file://\(root)/out/c.mp4",
                      options: #"{"video_codec": "mpeg4", "scale": "3840:2160"}"#)
        let workspace = base + "/work/cancel"
        try FileManager.default.createDirectory(atPath: workspace, withIntermediateDirectories: true)
        let downloaded = await nommer.run(.download, of: job, workspace: workspace) {}
        XCTAssertEqual(downloaded, .completed)
        let progress = ProgressCounter()
        let started = ContinuousClock.now
        let task = Task { await nommer.run(.encode, of: job, workspace: workspace) { progress.tick() } }
        // Cancel once ffmpeg is running (it has reported progress), not before it starts.
        let deadline = started.advanced(by: .seconds(20))
        while progress.count == 0, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        XCTAssertGreaterThan(progress.count, 0)
        task.cancel()
        let outcome = await task.value
        XCTAssertEqual(outcome, .failed(details: "cancelled"))
        XCTAssertLessThan(ContinuousClock.now - started, .seconds(20))
    }

    func testHTTPSourceIsDownloadedOnlyWhenItsNetworkIsAllowed() async throws {
        let clip = try Data(contentsOf: URL(fileURLWithPath: root + "/clip.mp4"))
        let router = Router()
        router.get("/clip.mp4") { _, _ in Response(status: .ok, body: .init(byteBuffer: ByteBuffer(bytes: clip))) }
        router.get("/missing.mp4") { _, _ in Response(status: .notFound) }
        try await withTestServer(router) { port in
            let destination = root + "/out/web.mp4"
            let web = job(source: "http://localhost:\(port)/clip.mp4", destination: "file://\(destination)",
                          options: #"{"video_codec": "mpeg4", "size": "80x60"}"#)
            let (allowed, _) = await runAll(try nommer(allowing: ["127.0.0.0/8", "::1/128"]), web)
            XCTAssertEqual(allowed, .completed)
            XCTAssertEqual(try probe(destination), "mpeg4,80,60")

            let (refused, phase) = await runAll(try nommer(), web)
            XCTAssertEqual(phase, .download)
            guard case .failed(let details) = refused else { return XCTFail("loopback must be refused by default") }
            XCTAssertTrue(details.contains("not allowed"), details)

            let missing = job(source: "http://127.0.0.1:\(port)/missing.mp4", destination: "file://\(destination)", options: "{}")
            let (notFound, _) = await runAll(try nommer(allowing: ["127.0.0.0/8"]), missing)
            XCTAssertEqual(notFound, .failed(details: "download of http://127.0.0.1:\(port)/missing.mp4 answered HTTP 404"))
        }
    }
}
