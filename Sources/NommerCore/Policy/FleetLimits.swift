/// The fleet's size limits that every spawn policy respects.
public struct FleetLimits: Sendable, Equatable {
    /// Most instances the policy may run (MAX_NUM_EC2_INSTANCES, default 3).
    public var maxInstances: Int
    /// Jobs one instance encodes at once (MAX_ENCODING_JOBS_PER_EC2_INSTANCE, default 2).
    public var jobsPerInstance: Int

    public init(maxInstances: Int = 3, jobsPerInstance: Int = 2) {
        self.maxInstances = maxInstances
        self.jobsPerInstance = jobsPerInstance
    }
}
