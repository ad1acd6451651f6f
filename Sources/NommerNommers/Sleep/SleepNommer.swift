import NommerCore
import NommerLive

/// The `sleep` nommer: waits the number of seconds its options give in the
/// encode phase (`{"seconds": 1.5}`), for tests and demonstrations. The
/// download and upload phases complete at once.
public struct SleepNommer: Nommer {
    /// Longest accepted wait, in seconds.
    public static let maximumSeconds = 3600.0

    public let name = "sleep"
    /// How often progress is reported while waiting, in seconds.
    public let progressIntervalSeconds: Double

    public init(progressIntervalSeconds: Double = 0.25) {
        self.progressIntervalSeconds = max(0.01, progressIntervalSeconds)
    }

    public func validate(optionsJSON: String) throws(JobRequestError) {
        _ = try seconds(in: optionsJSON)
    }

    /// The wait the options ask for, in seconds (0 when `seconds` is absent).
    public func seconds(in optionsJSON: String) throws(JobRequestError) -> Double {
        let options = try JSONValue.parseObject(optionsJSON)
        for key in options.keys where key != "seconds" {
            throw JobRequestError(field: "options.\(key)", message: "unknown option (the sleep nommer takes only seconds)")
        }
        guard let value = options["seconds"] else { return 0 }
        guard case .number(let seconds) = value else {
            throw JobRequestError(field: "options.seconds", message: "must be a number, not \(value.typeName)")
        }
        guard seconds.isFinite, seconds >= 0, seconds <= Self.maximumSeconds else {
            throw JobRequestError(field: "options.seconds", message: "must be between 0 and \(Int(Self.maximumSeconds)) seconds")
        }
        return seconds
    }

    public func run(_ phase: WorkPhase, of job: EncodingJob, workspace: String,
                    progress: @escaping @Sendable () -> Void) async -> PhaseOutcome {
        guard phase == .encode else {
            progress()
            return .completed
        }
        let total: Double
        do {
            total = try seconds(in: job.jobOptionsJSON)
        } catch {
            return .failed(details: "sleep: \(error)")
        }
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .seconds(total))
        progress()
        while clock.now < deadline {
            if Task.isCancelled { return .failed(details: "cancelled") }
            let step = min(Duration.seconds(progressIntervalSeconds), clock.now.duration(to: deadline))
            do {
                try await Task.sleep(for: step)
            } catch {
                return .failed(details: "cancelled")
            }
            progress()
        }
        return .completed
    }
}
