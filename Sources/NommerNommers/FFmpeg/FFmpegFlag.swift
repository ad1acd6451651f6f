/// The ffmpeg flags a job may use, each with the kind of value it takes.
/// Anything not listed here is refused before the job is accepted, so a job
/// cannot name extra input or output files, filters that read files, or
/// protocols (`-i`, `-filter_complex`, `-attach`, `-dump_attachment`, ...).
public enum FFmpegFlag {
    /// What a flag's value must look like.
    public enum ValueKind: Sendable, Equatable {
        /// No value (`-an`); media-nommer's `[flag, null]`.
        case bare
        /// A codec, format, preset, pixel format or profile name: letters,
        /// digits, `_ . + -`, not starting with `-`.
        case name
        /// A bit rate: digits with an optional `k`/`M` suffix (`500k`, `2M`).
        case bitrate
        /// A frame size `WIDTHxHEIGHT` (`320x240`).
        case size
        /// A non-negative number (`25`, `29.97`, `23`).
        case number
        /// A time: seconds (`5`, `1.5`) or `[HH:]MM:SS[.ms]`.
        case time
        /// A ratio like `16:9` or a number.
        case aspect
        /// `scale=W:H` only (`-1`/`-2` keep the aspect ratio).
        case scaleFilter
        /// `+`-joined mov/mp4 flags (`+faststart`).
        case movflags
        /// An output `-f`: one of ``FFmpegFlag/outputFormats``.
        case outputFormat
        /// An input `-f`: one of ``FFmpegSettings/defaultInputFormats`` (checked
        /// at submit; ffmpeg's `-format_whitelist` would refuse the others only
        /// when the job runs).
        case inputFormat
    }

    /// The muxers an output `-f` (and the `format` key) may name: those
    /// that write the whole result into the one output file the worker
    /// publishes. Muxers that write several files (hls, dash, segment,
    /// image2 sequences, tee, ...) are left out: their other files would be
    /// deleted with the job's workspace, or written beside it.
    public static let outputFormats: [String] = [
        "mp4", "mov", "ipod", "3gp", "3g2", "matroska", "webm", "mpegts", "mpeg", "mp3", "ogg", "oga", "ogv",
        "opus", "wav", "flac", "adts", "avi", "flv", "gif", "apng", "asf", "mxf", "nut", "aiff",
    ]

    /// File name extensions ffmpeg maps to one of ``outputFormats`` when no
    /// output `-f` is given (it picks the muxer from the output's name, and
    /// the worker names the output after the destination's extension):
    /// `.m3u8` (hls), `.mpd` (dash) or `.jpg` (image2) would otherwise pick a
    /// muxer that writes several files.
    public static let outputExtensions: Set<String> = [
        "mp4", "m4v", "m4a", "mov", "3gp", "3g2", "mkv", "mka", "webm", "ts", "m2ts", "mts", "mpg", "mpeg",
        "mp3", "ogg", "oga", "ogv", "opus", "wav", "flac", "aac", "avi", "flv", "gif", "apng", "asf", "wmv",
        "wma", "mxf", "nut", "aif", "aiff",
    ]

    /// Flags allowed before `-i` (options of the input). An input `-f` must
    /// also name a demuxer in ``FFmpegSettings/inputFormats`` (ffmpeg's
    /// `-format_whitelist` refuses the others).
    public static let input: [String: ValueKind] = [
        "-ss": .time, "-t": .time, "-to": .time, "-f": .inputFormat, "-r": .number, "-itsoffset": .time,
    ]

    /// Flags allowed after the input (options of the output).
    public static let output: [String: ValueKind] = [
        "-vcodec": .name, "-acodec": .name, "-c:v": .name, "-c:a": .name, "-codec:v": .name, "-codec:a": .name,
        "-b:v": .bitrate, "-b:a": .bitrate, "-vb": .bitrate, "-ab": .bitrate, "-maxrate": .bitrate,
        "-minrate": .bitrate, "-bufsize": .bitrate,
        "-s": .size, "-r": .number, "-f": .outputFormat, "-preset": .name, "-tune": .name, "-crf": .number,
        "-qscale:v": .number, "-q:v": .number, "-qscale:a": .number, "-q:a": .number,
        "-pix_fmt": .name, "-profile:v": .name, "-level": .name, "-g": .number, "-bf": .number,
        "-ac": .number, "-ar": .number, "-aspect": .aspect, "-vf": .scaleFilter, "-movflags": .movflags,
        "-t": .time, "-ss": .time, "-to": .time, "-frames:v": .number, "-vframes": .number,
        "-threads": .number,
        "-an": .bare, "-vn": .bare, "-sn": .bare, "-dn": .bare,
    ]

    /// Flags the nommer sets itself and tolerates (drops) in media-nommer's options.
    public static let ignored: Set<String> = ["-y"]

    /// True if `value` is acceptable for a flag of this kind.
    public static func accepts(_ value: String, as kind: ValueKind) -> Bool {
        guard !value.isEmpty, value.utf8.count <= 64 else { return false }
        switch kind {
        case .bare:
            return false
        case .name:
            return value.first != "-" && value.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_.+-".contains($0)) }
        case .bitrate:
            var digits = Substring(value)
            if let last = digits.last, "kKmM".contains(last) { digits = digits.dropLast() }
            return isDecimal(digits)
        case .size:
            let parts = value.split(separator: "x", omittingEmptySubsequences: false)
            return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.count <= 5 && $0.allSatisfy(\.isASCIIDigit) }
        case .number:
            return isDecimal(Substring(value))
        case .time:
            let parts = value.split(separator: ":", omittingEmptySubsequences: false)
            guard (1...3).contains(parts.count), let seconds = parts.last, isDecimal(seconds) else { return false }
            return parts.dropLast().allSatisfy { !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isASCIIDigit) }
        case .aspect:
            let parts = value.split(separator: ":", omittingEmptySubsequences: false)
            return (1...2).contains(parts.count) && parts.allSatisfy { isDecimal($0) }
        case .scaleFilter:
            guard value.hasPrefix("scale=") else { return false }
            let parts = value.dropFirst(6).split(separator: ":", omittingEmptySubsequences: false)
            return parts.count == 2 && parts.allSatisfy { part in
                let digits = part.hasPrefix("-") ? part.dropFirst() : part
                return !digits.isEmpty && digits.count <= 5 && digits.allSatisfy(\.isASCIIDigit)
            }
        case .outputFormat:
            return outputFormats.contains(value)
        case .inputFormat:
            return FFmpegSettings.defaultInputFormats.contains(value)
        case .movflags:
            let names = value.split(separator: "+")
            return !names.isEmpty && value.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_+-".contains($0)) }
        }
    }

    private static func isDecimal(_ text: Substring) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty else { return false }
        return parts.allSatisfy { !$0.isEmpty && $0.count <= 12 && $0.allSatisfy(\.isASCIIDigit) }
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
