/// A job request or a job's options refused before anything runs, with the
/// field it is about (`options.passes[0].outfile_options[2]`, `source`), so the
/// HTTP API can answer 400 with a message that names it.
public struct JobRequestError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Path of the offending field in the request.
    public let field: String
    /// What is wrong with it.
    public let message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}
