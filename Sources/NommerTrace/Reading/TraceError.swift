/// A trace that cannot be read, or one bad line of it.
public struct TraceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The trace file as given.
    public var file: String
    /// The line (1-based) at fault, if one is.
    public var line: Int?
    /// What is wrong, in a few words (also the key --skip-bad groups lines by).
    public var problem: String
    /// The offending value or detail, if any.
    public var detail: String?

    public init(file: String, line: Int? = nil, problem: String, detail: String? = nil) {
        self.file = file
        self.line = line
        self.problem = problem
        self.detail = detail
    }

    /// `file:line: problem: detail`.
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": " + problem
        if let detail { text += ": " + detail }
        return text
    }
}
