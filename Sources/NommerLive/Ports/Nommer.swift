import NommerCore

/// Something that does a job's work, phase by phase (media-nommer's
/// "nommers": `ffmpeg`, and `sleep` for tests and demonstrations).
///
/// The live worker driver performs the core's ``WorkerAction/startPhase(_:_:)``
/// by calling ``run(_:of:workspace:progress:)``, and reports the outcome to
/// the ``WorkerStateMachine``.
public protocol Nommer: Sendable {
    /// The name jobs give in their `nommer` field.
    var name: String { get }

    /// Checks a job's options before the job is accepted (the HTTP API calls
    /// this), so a bad option is refused with a 400 naming the field rather
    /// than failing later on a worker.
    func validate(optionsJSON: String) throws(JobRequestError)

    /// Runs one phase of `job`.
    ///
    /// - Parameters:
    ///   - workspace: a directory private to this job on this worker, kept
    ///     across the job's three phases (the download lands there, the encode
    ///     reads and writes there, the upload moves the result out).
    ///   - progress: called whenever the work advances; the worker treats a
    ///     nommer that stops calling it for too long as stalled.
    /// - Returns: how the phase ended; a failure's details become the job's
    ///   ERROR details (for ffmpeg, the tail of its stderr).
    /// - Note: cancelling the calling task aborts the phase: the nommer stops
    ///   its child processes and returns promptly.
    func run(_ phase: WorkPhase, of job: EncodingJob, workspace: String,
             progress: @escaping @Sendable () -> Void) async -> PhaseOutcome
}
