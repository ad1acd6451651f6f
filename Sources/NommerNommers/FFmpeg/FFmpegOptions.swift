import NommerLive

/// A job's ffmpeg options, checked against the allow-list (``FFmpegFlag``)
/// and turned into argument lists. Two shapes are accepted:
///
/// - keys: `{"video_codec": "libx264", "video_bitrate": "500k", "size": "320x240",
///   "format": "mp4", ...}` (see ``FFmpegOptions/keyFlags`` and docs/api.md);
/// - media-nommer's: `{"passes": [{"infile_options": [["-ss", "5"]],
///   "outfile_options": [["-vcodec", "libx264"], ["-an", null]]}]}`, at most
///   two passes, a null value meaning a bare flag.
///
/// Both may add `time_limit_seconds`, which can only shorten the worker's limit.
public struct FFmpegOptions: Sendable, Equatable {
    /// One run of ffmpeg: the arguments before `-i` and those after the input.
    public struct Pass: Sendable, Equatable {
        public var inputArguments: [String]
        public var outputArguments: [String]

        public init(inputArguments: [String], outputArguments: [String]) {
            self.inputArguments = inputArguments
            self.outputArguments = outputArguments
        }
    }

    /// One or two passes (two: ffmpeg's two-pass encoding, `-pass 1` then `-pass 2`).
    public var passes: [Pass]
    /// The job's own time limit, in seconds, if it gives one.
    public var timeLimitSeconds: Double?

    /// The option keys of the keyed shape and the output flag each becomes.
    public static let keyFlags: [String: String] = [
        "video_codec": "-c:v", "audio_codec": "-c:a", "video_bitrate": "-b:v", "audio_bitrate": "-b:a",
        "size": "-s", "frame_rate": "-r", "format": "-f", "preset": "-preset", "crf": "-crf",
        "pixel_format": "-pix_fmt", "duration_seconds": "-t", "audio_channels": "-ac",
        "audio_sample_rate": "-ar", "video_profile": "-profile:v", "movflags": "-movflags",
    ]
    /// Keys with their own handling: `start_seconds` (input `-ss`), `scale`
    /// (`"W:H"`, becomes `-vf scale=W:H`), `no_audio` (true: `-an`),
    /// `time_limit_seconds`, `passes`.
    public static let specialKeys: Set<String> = ["start_seconds", "scale", "no_audio", "time_limit_seconds", "passes"]

    /// Parses and checks options JSON.
    /// - Throws: ``JobRequestError`` naming the offending field (`options.passes[0].outfile_options[1]`).
    public static func parse(_ json: String, limits: OptionLimits = OptionLimits()) throws(JobRequestError) -> FFmpegOptions {
        let object = try JSONValue.parseObject(json, maximumBytes: limits.maximumOptionsBytes)
        var timeLimit: Double?
        if let value = object["time_limit_seconds"] {
            guard case .number(let seconds) = value, seconds.isFinite, seconds > 0 else {
                throw JobRequestError(field: "options.time_limit_seconds", message: "must be a number of seconds > 0")
            }
            timeLimit = seconds
        }
        if let passes = object["passes"] {
            for key in object.keys.sorted() where key != "passes" && key != "time_limit_seconds" {
                throw JobRequestError(field: "options.\(key)", message: "cannot be combined with passes")
            }
            return FFmpegOptions(passes: try parsePasses(passes, limits: limits), timeLimitSeconds: timeLimit)
        }
        return FFmpegOptions(passes: [try parseKeys(object)], timeLimitSeconds: timeLimit)
    }

    // MARK: keyed shape

    private static func parseKeys(_ object: [String: JSONValue]) throws(JobRequestError) -> Pass {
        var input: [String] = []
        var output: [String] = []
        for key in object.keys.sorted() {
            let field = "options.\(key)"
            guard let value = object[key] else { continue }
            if let flag = keyFlags[key] {
                guard let kind = FFmpegFlag.output[flag] else { continue }
                let text = try scalarText(value, field: field)
                guard FFmpegFlag.accepts(text, as: kind) else {
                    throw JobRequestError(field: field, message: "\(quoted(text)) is not a valid \(describe(kind))")
                }
                output += [flag, text]
                continue
            }
            switch key {
            case "start_seconds":
                let text = try scalarText(value, field: field)
                guard FFmpegFlag.accepts(text, as: .time) else {
                    throw JobRequestError(field: field, message: "\(quoted(text)) is not a valid \(describe(.time))")
                }
                input += ["-ss", text]
            case "scale":
                let text = try scalarText(value, field: field)
                guard FFmpegFlag.accepts("scale=" + text, as: .scaleFilter) else {
                    throw JobRequestError(field: field, message: "\(quoted(text)) is not WIDTH:HEIGHT (-1 or -2 keeps the aspect ratio)")
                }
                output += ["-vf", "scale=" + text]
            case "no_audio":
                guard case .bool(let flag) = value else {
                    throw JobRequestError(field: field, message: "must be true or false, not \(value.typeName)")
                }
                if flag { output.append("-an") }
            case "time_limit_seconds":
                continue
            default:
                throw JobRequestError(field: field, message: "unknown ffmpeg option")
            }
        }
        return Pass(inputArguments: input, outputArguments: output)
    }

    // MARK: media-nommer's shape

    private static func parsePasses(_ value: JSONValue, limits: OptionLimits) throws(JobRequestError) -> [Pass] {
        guard case .array(let list) = value, !list.isEmpty else {
            throw JobRequestError(field: "options.passes", message: "must be a non-empty list of passes")
        }
        guard list.count <= limits.maximumPasses else {
            throw JobRequestError(field: "options.passes", message: "at most \(limits.maximumPasses) passes")
        }
        var passes: [Pass] = []
        for (index, item) in list.enumerated() {
            let field = "options.passes[\(index)]"
            guard case .object(let pass) = item else {
                throw JobRequestError(field: field, message: "must be an object with infile_options and outfile_options")
            }
            for key in pass.keys.sorted() where key != "infile_options" && key != "outfile_options" {
                throw JobRequestError(field: "\(field).\(key)", message: "unknown pass key")
            }
            let input = try flagList(pass["infile_options"], field: "\(field).infile_options",
                                     allowed: FFmpegFlag.input, limits: limits)
            let output = try flagList(pass["outfile_options"], field: "\(field).outfile_options",
                                      allowed: FFmpegFlag.output, limits: limits)
            passes.append(Pass(inputArguments: input, outputArguments: output))
        }
        return passes
    }

    private static func flagList(_ value: JSONValue?, field: String, allowed: [String: FFmpegFlag.ValueKind],
                                 limits: OptionLimits) throws(JobRequestError) -> [String] {
        guard let value, value != .null else { return [] }
        guard case .array(let items) = value else {
            throw JobRequestError(field: field, message: "must be a list of [flag, value] pairs")
        }
        guard items.count <= limits.maximumFlagsPerList else {
            throw JobRequestError(field: field, message: "at most \(limits.maximumFlagsPerList) flags")
        }
        var arguments: [String] = []
        for (index, item) in items.enumerated() {
            let itemField = "\(field)[\(index)]"
            guard case .array(let pair) = item, (1...2).contains(pair.count), case .string(let flag) = pair[0] else {
                throw JobRequestError(field: itemField, message: "must be a [flag, value] pair")
            }
            if FFmpegFlag.ignored.contains(flag) { continue }
            guard let kind = allowed[flag] else {
                throw JobRequestError(field: itemField, message: "flag \(quoted(flag)) is not allowed")
            }
            let value = pair.count == 2 ? pair[1] : .null
            if kind == .bare {
                guard value == .null else {
                    throw JobRequestError(field: itemField, message: "flag \(flag) takes no value (use null)")
                }
                arguments.append(flag)
                continue
            }
            guard value != .null else {
                throw JobRequestError(field: itemField, message: "flag \(flag) needs a \(describe(kind))")
            }
            let text = try scalarText(value, field: itemField)
            guard FFmpegFlag.accepts(text, as: kind) else {
                throw JobRequestError(field: itemField, message: "\(quoted(text)) is not a valid \(describe(kind)) for \(flag)")
            }
            arguments += [flag, text]
        }
        return arguments
    }

    // MARK: values

    private static func scalarText(_ value: JSONValue, field: String) throws(JobRequestError) -> String {
        switch value {
        case .string(let text): return text
        case .number(let number):
            guard number.isFinite else { throw JobRequestError(field: field, message: "must be a finite number") }
            if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
            return String(number)
        default:
            throw JobRequestError(field: field, message: "must be a string or a number, not \(value.typeName)")
        }
    }

    private static func quoted(_ text: String) -> String {
        "\"" + String(text.prefix(40)) + (text.count > 40 ? "..." : "") + "\""
    }

    private static func describe(_ kind: FFmpegFlag.ValueKind) -> String {
        switch kind {
        case .bare: return "bare flag"
        case .name: return "name (letters, digits, _ . + -)"
        case .bitrate: return "bit rate (500k, 2M)"
        case .size: return "size (WIDTHxHEIGHT)"
        case .number: return "non-negative number"
        case .time: return "time (seconds or HH:MM:SS.ms)"
        case .aspect: return "aspect ratio (16:9)"
        case .scaleFilter: return "scale filter (scale=W:H)"
        case .movflags: return "movflags value (+faststart)"
        case .outputFormat:
            return "single-file output format (one of \(FFmpegFlag.outputFormats.joined(separator: ", ")))"
        case .inputFormat:
            return "input format (one of \(FFmpegSettings.defaultInputFormats.joined(separator: ", ")))"
        }
    }
}
