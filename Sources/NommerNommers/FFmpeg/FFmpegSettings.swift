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

    public init(executablePath: String? = nil, timeLimitSeconds: Double = 3600, limits: OptionLimits = OptionLimits()) {
        self.executablePath = executablePath ?? Self.locate("ffmpeg") ?? "/usr/bin/ffmpeg"
        self.timeLimitSeconds = timeLimitSeconds
        self.limits = limits
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
