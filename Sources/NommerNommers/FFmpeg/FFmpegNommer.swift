import Foundation
import NommerCore
import NommerLive

/// The `ffmpeg` nommer: downloads (or links) the source into the workspace,
/// runs ffmpeg on it with the job's checked options (``FFmpegOptions``), and
/// publishes the output atomically inside the allowed roots.
public struct FFmpegNommer: DestinationCheckingNommer {
    public let name = "ffmpeg"
    public let settings: FFmpegSettings
    public let fetcher: SourceFetcher
    public let publisher: AtomicPublisher

    public init(settings: FFmpegSettings, fetcher: SourceFetcher, publisher: AtomicPublisher) {
        self.settings = settings
        self.fetcher = fetcher
        self.publisher = publisher
    }

    /// An ffmpeg nommer confined to `roots`, fetching through `addressGuard`.
    public init(settings: FFmpegSettings = FFmpegSettings(), roots: AllowedRoots, addressGuard: AddressGuard) {
        self.init(settings: settings,
                  fetcher: SourceFetcher(roots: roots, http: GuardedHTTP(addressGuard: addressGuard)),
                  publisher: AtomicPublisher(roots: roots))
    }

    public func validate(optionsJSON: String) throws(JobRequestError) {
        _ = try FFmpegOptions.parse(optionsJSON, limits: settings.limits)
    }

    /// Also refuses a destination whose extension would make ffmpeg pick a
    /// muxer that writes several files (`.m3u8`: hls, `.mpd`: dash, `.jpg`:
    /// image2) when the options name no output format (`format`, `-f`).
    public func validate(optionsJSON: String, destinationURI: String) throws(JobRequestError) {
        let options = try FFmpegOptions.parse(optionsJSON, limits: settings.limits)
        try Self.checkOutputFormat(options, destinationURI: destinationURI)
    }

    static func checkOutputFormat(_ options: FFmpegOptions, destinationURI: String) throws(JobRequestError) {
        if options.passes.last?.outputArguments.contains("-f") == true { return }
        let ext = fileExtension(of: destinationURI).dropFirst().lowercased()
        guard !FFmpegFlag.outputExtensions.contains(ext) else { return }
        let named = ext.isEmpty ? "no extension" : "the extension .\(ext)"
        throw JobRequestError(field: "destination", message: "ffmpeg would choose the output format from \(named), "
            + "which does not name a single-file format; end it in .\(FFmpegFlag.outputExtensions.sorted().joined(separator: " ."))"
            + " or give the format (options.format or -f: \(FFmpegFlag.outputFormats.joined(separator: ", ")))")
    }

    public func run(_ phase: WorkPhase, of job: EncodingJob, workspace: String,
                    progress: @escaping @Sendable () -> Void) async -> PhaseOutcome {
        let source = workspace + "/source" + Self.fileExtension(of: job.sourceURI)
        let output = workspace + "/output" + Self.fileExtension(of: job.destinationURI)
        switch phase {
        case .download:
            do {
                try await fetcher.fetch(job.sourceURI, to: source, progress: progress)
                return .completed
            } catch {
                return Task.isCancelled ? .failed(details: "cancelled") : .failed(details: error.description)
            }
        case .encode:
            return await encode(job, source: source, output: output, workspace: workspace, progress: progress)
        case .upload:
            do {
                _ = try publisher.publish(output, to: job.destinationURI)
                progress()
                return .completed
            } catch {
                return .failed(details: error.description)
            }
        }
    }

    private func encode(_ job: EncodingJob, source: String, output: String, workspace: String,
                        progress: @escaping @Sendable () -> Void) async -> PhaseOutcome {
        let options: FFmpegOptions
        do {
            options = try FFmpegOptions.parse(job.jobOptionsJSON, limits: settings.limits)
        } catch {
            return .failed(details: "ffmpeg options: \(error)")
        }
        do { try Self.checkOutputFormat(options, destinationURI: job.destinationURI) } catch {
            return .failed(details: "ffmpeg options: \(error)")
        }
        let limit = min(settings.timeLimitSeconds, options.timeLimitSeconds ?? .infinity)
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .seconds(limit))
        let passLog = workspace + "/passlog"
        for (index, pass) in options.passes.enumerated() {
            let isLast = index == options.passes.count - 1
            var passArguments: [String] = []
            if options.passes.count > 1 { passArguments = ["-pass", String(index + 1), "-passlogfile", passLog] }
            let target = isLast ? output : workspace + "/pass\(index + 1)" + Self.fileExtension(of: job.destinationURI)
            let arguments = ["-hide_banner", "-nostdin", "-y", "-nostats", "-progress", "pipe:1"]
                + settings.inputConfinement + pass.inputArguments + ["-i", source] + pass.outputArguments + passArguments + [target]
            let remaining = clock.now.duration(to: deadline)
            let seconds = Double(remaining.components.seconds) + Double(remaining.components.attoseconds) / 1e18
            let process = ChildProcess(executable: settings.executablePath, arguments: arguments,
                                       timeLimitSeconds: max(0, seconds))
            let prefix = options.passes.count > 1 ? "ffmpeg pass \(index + 1)" : "ffmpeg"
            switch await process.run(activity: progress) {
            case .exited(status: 0, _):
                if !isLast { try? FileManager.default.removeItem(atPath: target) }
            case .exited(let status, let tail):
                return .failed(details: "\(prefix) exited with status \(status): \(tail)")
            case .killedAtTimeLimit(let tail):
                return .failed(details: "\(prefix) killed after the time limit of \(Self.format(limit)) s: \(tail)")
            case .cancelled:
                return .failed(details: "cancelled")
            case .couldNotStart(let reason):
                return .failed(details: "could not start \(settings.executablePath): \(reason)")
            }
        }
        return .completed
    }

    /// `.ext` of a URI's path when it is a short run of letters and digits, else "".
    static func fileExtension(of uri: String) -> String {
        let path = URL(string: uri)?.path ?? uri
        let ext = (path as NSString).pathExtension
        guard !ext.isEmpty, ext.count <= 8, ext.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return "" }
        return "." + ext
    }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() && seconds < 1e9 ? String(Int(seconds)) : String(seconds)
    }
}
