import NommerLive
import NommerNommers
import XCTest

final class FFmpegOptionsTests: XCTestCase {
    func testKeyedOptionsBecomeAllowListedArguments() throws {
        let options = try FFmpegOptions.parse(#"""
            {"video_codec": "libx264", "video_bitrate": "500k", "size": "320x240", "format": "mp4",
             "preset": "veryfast", "crf": 23, "frame_rate": 29.97, "no_audio": true, "start_seconds": 1,
             "scale": "160:-2", "time_limit_seconds": 30}
            """#)
        XCTAssertEqual(options.passes.count, 1)
        XCTAssertEqual(options.passes[0].inputArguments, ["-ss", "1"])
        XCTAssertEqual(options.passes[0].outputArguments,
                       ["-crf", "23", "-f", "mp4", "-r", "29.97", "-an", "-preset", "veryfast", "-vf", "scale=160:-2",
                        "-s", "320x240", "-b:v", "500k", "-c:v", "libx264"])
        XCTAssertEqual(options.timeLimitSeconds, 30)
    }

    func testMediaNommerPassesShape() throws {
        let options = try FFmpegOptions.parse(#"""
            {"passes": [
              {"infile_options": [["-ss", "5"]], "outfile_options": [["-vcodec", "libx264"], ["-an", null], ["-y", null]]},
              {"outfile_options": [["-vcodec", "libx264"], ["-b:v", "300k"], ["-f", "mp4"]]}
            ]}
            """#)
        XCTAssertEqual(options.passes, [
            FFmpegOptions.Pass(inputArguments: ["-ss", "5"], outputArguments: ["-vcodec", "libx264", "-an"]),
            FFmpegOptions.Pass(inputArguments: [], outputArguments: ["-vcodec", "libx264", "-b:v", "300k", "-f", "mp4"]),
        ])
    }

    func testRefusalsNameTheField() {
        let cases: [(String, String)] = [
            (#"{"passes": [{"outfile_options": [["-i", "/etc/passwd"]]}]}"#, "options.passes[0].outfile_options[0]"),
            (#"{"passes": [{"outfile_options": [["-vcodec", "x"], ["-filter_complex", "movie=/etc/passwd"]]}]}"#,
             "options.passes[0].outfile_options[1]"),
            (#"{"passes": [{"infile_options": [["-vcodec", "libx264"]]}]}"#, "options.passes[0].infile_options[0]"),
            (#"{"passes": [{"outfile_options": [["-an", "1"]]}]}"#, "options.passes[0].outfile_options[0]"),
            (#"{"passes": [{"outfile_options": [["-vcodec", null]]}]}"#, "options.passes[0].outfile_options[0]"),
            (#"{"passes": [{"outfile_options": [["-vcodec", "-i"]]}]}"#, "options.passes[0].outfile_options[0]"),
            (#"{"passes": [{}, {}, {}]}"#, "options.passes"),
            (#"{"passes": [], "video_codec": "x"}"#, "options.video_codec"),
            (#"{"video_codec": "lib x264"}"#, "options.video_codec"),
            (#"{"size": "320x240; rm -rf /"}"#, "options.size"),
            (#"{"scale": "iw/2:ih/2"}"#, "options.scale"),
            (#"{"no_audio": "yes"}"#, "options.no_audio"),
            (#"{"crf": -1}"#, "options.crf"),
            (#"{"output": "/etc/x"}"#, "options.output"),
            (#"{"time_limit_seconds": 0}"#, "options.time_limit_seconds"),
            ("not json", "options"),
        ]
        for (json, field) in cases {
            XCTAssertThrowsError(try FFmpegOptions.parse(json), json) { error in
                XCTAssertEqual((error as? JobRequestError)?.field, field, "\(json): \(error)")
            }
        }
    }

    func testOnlySingleFileOutputFormatsAreAccepted() throws {
        let formats = "mp4, mov, ipod, 3gp, 3g2, matroska, webm, mpegts, mpeg, mp3, ogg, oga, ogv, opus, wav, flac, adts, "
            + "avi, flv, gif, apng, asf, mxf, nut, aiff"
        for format in ["hls", "dash", "segment", "stream_segment", "ssegment", "image2", "tee", "fifo", "null", "mkv", "HLS"] {
            XCTAssertThrowsError(try FFmpegOptions.parse(#"{"format": "\#(format)"}"#), format) {
                XCTAssertEqual($0 as? JobRequestError, JobRequestError(
                    field: "options.format", message: "\"\(format)\" is not a valid single-file output format (one of \(formats))"))
            }
            XCTAssertThrowsError(try FFmpegOptions.parse(#"{"passes": [{"outfile_options": [["-f", "\#(format)"]]}]}"#)) {
                XCTAssertEqual($0 as? JobRequestError, JobRequestError(
                    field: "options.passes[0].outfile_options[0]",
                    message: "\"\(format)\" is not a valid single-file output format (one of \(formats)) for -f"))
            }
        }
        for format in ["mp4", "matroska", "webm", "mpegts", "mp3", "ogg", "wav", "flac", "adts", "avi", "flv", "gif"] {
            XCTAssertEqual(try FFmpegOptions.parse(#"{"format": "\#(format)"}"#).passes[0].outputArguments, ["-f", format])
        }
        // An input -f names one of the demuxers the worker allows (ffmpeg's -format_whitelist), checked at submit.
        XCTAssertEqual(try FFmpegOptions.parse(#"{"passes": [{"infile_options": [["-f", "mpegts"]]}]}"#).passes[0].inputArguments,
                       ["-f", "mpegts"])
        for format in ["lavfi", "concat", "hls", "image2"] {
            XCTAssertThrowsError(try FFmpegOptions.parse(#"{"passes": [{"infile_options": [["-f", "\#(format)"]]}]}"#), format) {
                XCTAssertEqual(($0 as? JobRequestError)?.field, "options.passes[0].infile_options[0]")
                XCTAssertEqual(($0 as? JobRequestError)?.message.hasPrefix("\"\(format)\" is not a valid input format (one of "), true)
            }
        }
    }

    func testSizeLimits() {
        let many = Array(repeating: #"["-an", null]"#, count: 33).joined(separator: ",")
        XCTAssertThrowsError(try FFmpegOptions.parse(#"{"passes": [{"outfile_options": [\#(many)]}]}"#)) {
            XCTAssertEqual(($0 as? JobRequestError)?.field, "options.passes[0].outfile_options")
        }
        let long = String(repeating: "a", count: 17 * 1024)
        XCTAssertThrowsError(try FFmpegOptions.parse(#"{"video_codec": "\#(long)"}"#)) {
            XCTAssertEqual(($0 as? JobRequestError)?.field, "options")
        }
        XCTAssertThrowsError(try FFmpegOptions.parse(#"{"video_codec": "\#(String(repeating: "a", count: 65))"}"#))
    }
}
