/// What the AWS backend needs to know, with the defaults it uses. The
/// comments name the config keys the live runtime's configuration is meant
/// to map onto these fields (`aws.*`).
public struct AWSBackendSettings: Sendable, Equatable {
    /// Where jobs are stored.
    public enum JobStoreKind: String, Sendable, Equatable, CaseIterable {
        case dynamodb
        case simpledb
    }

    /// `aws.region`; nil: `AWS_REGION`, `AWS_DEFAULT_REGION`, then the profile's region.
    public var region: String?
    /// `aws.endpoint_url`: one endpoint for every service (moto, LocalStack);
    /// nil: AWS's regional endpoints.
    public var endpointURL: String?
    /// `aws.new_jobs_queue`: the SQS queue of submitted jobs.
    public var newJobsQueue: String = "nommer-new-jobs"
    /// `aws.state_changes_queue`: the SQS queue of job state changes.
    public var stateChangesQueue: String = "nommer-state-changes"
    /// `aws.job_store`: `dynamodb` or `simpledb`.
    public var jobStore: JobStoreKind = .dynamodb
    /// `aws.job_table`: the DynamoDB table or SimpleDB domain.
    public var jobTable: String = "nommer-jobs"
    /// `aws.fleet_name`: the value of the instances' `nommer:fleet` tag.
    public var fleetName: String = "nommer"
    /// `aws.launch.*`: how workers are launched; nil: this process launches none (a worker).
    public var launch: EC2LaunchTemplate?
    /// `aws.retry_max_attempts`: attempts per call, the first included.
    public var retryMaxAttempts: Int = 3
    /// `aws.request_timeout_seconds`: per attempt, in seconds.
    public var requestTimeoutSeconds: Int64 = 30
    /// `aws.metadata_url`: the instance metadata service.
    public var metadataBaseURL: String = InstanceMetadataClient.defaultBaseURL

    public init() {}

    /// The endpoint of `service` (`sqs`, `dynamodb`, `ec2`, `sdb`) in `region`.
    public func endpoint(for service: String, region: String) -> String {
        if let endpointURL { return endpointURL }
        if service == "sdb" && region == "us-east-1" { return "https://sdb.amazonaws.com" }
        return "https://\(service).\(region).amazonaws.com"
    }
}
