import NommerLive

/// A nommer whose options are judged together with the job's destination
/// (ffmpeg picks its output format from the output file's extension when the
/// options name none). The job API calls this instead of
/// `validate(optionsJSON:)` for such nommers.
public protocol DestinationCheckingNommer: Nommer {
    /// Checks the options as `validate(optionsJSON:)` does, and the options
    /// with the destination.
    /// - Throws: ``JobRequestError`` naming `options...` or `destination`.
    func validate(optionsJSON: String, destinationURI: String) throws(JobRequestError)
}
