import Foundation

/// How a worker runs ffmpeg.
public struct FFmpegSettings: Sendable, Equatable {
    /// Path of the ffmpeg executable.
    public var executablePath: String
    /// Longest encode, in seconds, before ffmpeg is killed and the job ends
    /// ERROR; a job's `time_limit_seconds` can only shorten it.
    public var timeLimitSeconds: Double
    /// Limits on the options a job may give.
    public var limits: OptionLimits
    /// The demuxers ffmpeg may use to read a source (`-format_whitelist`).
    /// Playlist and list formats (hls, concat, image2 patterns, lavfi) are
    /// left out: a source that is an HLS playlist or a concat list would
    /// otherwise make ffmpeg read files outside the allowed roots.
    public var inputFormats: [String]

    /// The default ``inputFormats``: common audio and video containers and elementary streams.
    public static let defaultInputFormats = [
        "mov,mp4,m4a,3gp,3g2,mj2", "matroska,webm", "avi", "flv", "mpegts", "mpeg", "mp3", "wav", "ogg", "aac",
        "flac", "asf", "h264", "hevc", "m4v", "mxf", "dv", "yuv4mpegpipe", "gif", "mjpeg",
    ]

    public init(executablePath: String? = nil, timeLimitSeconds: Double = 3600, limits: OptionLimits = OptionLimits(),
                inputFormats: [String] = FFmpegSettings.defaultInputFormats) {
        self.executablePath = executablePath ?? Self.locate("ffmpeg") ?? "/usr/bin/ffmpeg"
        self.timeLimitSeconds = timeLimitSeconds
        self.limits = limits
        self.inputFormats = inputFormats
    }

    /// Options put before every `-i`: only the file protocol, only ``inputFormats``.
    public var inputConfinement: [String] {
        ["-protocol_whitelist", "file", "-format_whitelist", inputFormats.joined(separator: ",")]
    }

    /// The first executable called `name` on the `PATH`, or nil.
    public static func locate(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
