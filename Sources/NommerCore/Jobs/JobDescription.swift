/// What a job is asked to do: the fields that stay the same while the job
/// moves through its states.
///
/// A final class shared between copies of an ``EncodingJob``, so copying a
/// job (into a cache, an action, a store) retains one object instead of five
/// strings. Immutable, so sharing is safe; a change makes a new description.
final class JobDescription: Sendable, Hashable {
    let sourceURI: String
    let destinationURI: String
    let nommer: String
    let jobOptionsJSON: String
    let notifyURL: String?
    let notifyStyle: NotifyStyle

    init(sourceURI: String, destinationURI: String, nommer: String, jobOptionsJSON: String, notifyURL: String?,
         notifyStyle: NotifyStyle = .json) {
        self.sourceURI = sourceURI
        self.destinationURI = destinationURI
        self.nommer = nommer
        self.jobOptionsJSON = jobOptionsJSON
        self.notifyURL = notifyURL
        self.notifyStyle = notifyStyle
    }

    /// A copy with some fields replaced.
    func with(sourceURI: String? = nil, destinationURI: String? = nil, nommer: String? = nil,
              jobOptionsJSON: String? = nil, notifyURL: String?? = nil,
              notifyStyle: NotifyStyle? = nil) -> JobDescription {
        JobDescription(sourceURI: sourceURI ?? self.sourceURI,
                       destinationURI: destinationURI ?? self.destinationURI,
                       nommer: nommer ?? self.nommer,
                       jobOptionsJSON: jobOptionsJSON ?? self.jobOptionsJSON,
                       notifyURL: notifyURL ?? self.notifyURL,
                       notifyStyle: notifyStyle ?? self.notifyStyle)
    }

    static func == (lhs: JobDescription, rhs: JobDescription) -> Bool {
        lhs === rhs || (lhs.sourceURI == rhs.sourceURI && lhs.destinationURI == rhs.destinationURI
            && lhs.nommer == rhs.nommer && lhs.jobOptionsJSON == rhs.jobOptionsJSON && lhs.notifyURL == rhs.notifyURL
            && lhs.notifyStyle == rhs.notifyStyle)
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(sourceURI)
        hasher.combine(destinationURI)
        hasher.combine(nommer)
        hasher.combine(jobOptionsJSON)
        hasher.combine(notifyURL)
        hasher.combine(notifyStyle)
    }
}
