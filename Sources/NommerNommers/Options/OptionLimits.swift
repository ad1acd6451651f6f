/// Size limits on a job's options, so a request cannot make a worker build
/// an enormous command line or the API store an enormous record.
public struct OptionLimits: Sendable, Equatable {
    /// Longest options text, in bytes of UTF-8.
    public var maximumOptionsBytes: Int
    /// Most flags in one `infile_options` or `outfile_options` list.
    public var maximumFlagsPerList: Int
    /// Most passes in media-nommer's options shape.
    public var maximumPasses: Int

    public init(maximumOptionsBytes: Int = 16 * 1024, maximumFlagsPerList: Int = 32, maximumPasses: Int = 2) {
        self.maximumOptionsBytes = maximumOptionsBytes
        self.maximumFlagsPerList = maximumFlagsPerList
        self.maximumPasses = maximumPasses
    }
}
