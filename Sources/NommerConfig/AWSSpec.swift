/// The AWS backend's settings (`aws`), read by `feederd`/`worker --backend aws`
/// and ignored by the simulator. Plain values: the AWS module maps them onto
/// its own settings. Credentials are never configured here: they come from the
/// standard chain (environment, shared files, instance role).
public struct AWSSpec: Sendable, Equatable {
    public enum JobStoreKind: String, Sendable, Equatable, CaseIterable {
        case dynamodb
        case simpledb
    }

    /// `aws.region`; nil: `AWS_REGION`, `AWS_DEFAULT_REGION`, the profile's region.
    public var region: String?
    /// `aws.endpoint_url`: one endpoint for every service (moto, LocalStack); nil: AWS's.
    public var endpointURL: String?
    /// `aws.new_jobs_queue`: the SQS queue of new jobs.
    public var newJobsQueue: String = "nommer-new-jobs"
    /// `aws.state_changes_queue`: the SQS queue of state changes.
    public var stateChangesQueue: String = "nommer-state-changes"
    /// `aws.job_store`: dynamodb or simpledb.
    public var jobStore: JobStoreKind = .dynamodb
    /// `aws.job_table`: the DynamoDB table or SimpleDB domain.
    public var jobTable: String = "nommer-jobs"
    /// `aws.fleet_name`: the value of the instances' `nommer:fleet` tag.
    public var fleetName: String = "nommer"
    /// `aws.ami_id`: the workers' AMI; nil: feederd launches no instance.
    public var amiID: String?
    /// `aws.instance_type`.
    public var instanceType: String = "c5.large"
    /// `aws.subnet_id`.
    public var subnetID: String?
    /// `aws.security_group_ids`.
    public var securityGroupIDs: [String] = []
    /// `aws.instance_profile`: the IAM instance profile the workers' credentials come from.
    public var instanceProfile: String?
    /// `aws.user_data`: the boot script that starts the worker (no keys in it: refused before sending).
    public var userData: String?
    /// `aws.metadata_url`: the instance metadata service (IMDSv2).
    public var metadataURL: String = "http://169.254.169.254"
    /// `aws.retry_max_attempts`: attempts per AWS call, the first included.
    public var retryMaxAttempts: Int = 3
    /// `aws.request_timeout_seconds`: per attempt, in seconds.
    public var requestTimeoutSeconds: Int = 30

    public init() {}
}
