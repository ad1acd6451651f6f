import NommerCore

/// What a client asks for when it submits a job (the HTTP API's `POST /jobs`
/// body, or media-nommer's `POST /job/submit` after translation).
public struct JobRequest: Sendable, Equatable {
    /// URI of the media to encode (`file://` or `http(s)://`).
    public var sourceURI: String
    /// URI the encoded media is written to (`file://`).
    public var destinationURI: String
    /// Name of the nommer that does the work (`ffmpeg`, `sleep`).
    public var nommer: String
    /// The nommer's options as a JSON text.
    public var optionsJSON: String
    /// URL to call when the job's state changes (see ``notifyStyle``).
    public var notifyURL: String?
    /// How ``notifyURL`` is called.
    public var notifyStyle: NotifyStyle

    public init(sourceURI: String, destinationURI: String, nommer: String, optionsJSON: String = "{}",
                notifyURL: String? = nil, notifyStyle: NotifyStyle = .json) {
        self.sourceURI = sourceURI
        self.destinationURI = destinationURI
        self.nommer = nommer
        self.optionsJSON = optionsJSON
        self.notifyURL = notifyURL
        self.notifyStyle = notifyStyle
    }
}
