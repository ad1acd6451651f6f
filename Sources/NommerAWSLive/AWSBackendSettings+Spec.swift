import NommerAWS
import NommerConfig

extension AWSBackendSettings {
    /// The settings the `aws` section of a config file gives. `launches`:
    /// this process launches instances (feederd) and `aws.ami_id` is set; a
    /// worker passes false and gets no launch template.
    public init(_ spec: AWSSpec, launches: Bool) {
        self.init()
        region = spec.region
        endpointURL = spec.endpointURL
        newJobsQueue = spec.newJobsQueue
        stateChangesQueue = spec.stateChangesQueue
        jobStore = spec.jobStore == .simpledb ? .simpledb : .dynamodb
        jobTable = spec.jobTable
        fleetName = spec.fleetName
        retryMaxAttempts = spec.retryMaxAttempts
        requestTimeoutSeconds = Int64(spec.requestTimeoutSeconds)
        metadataBaseURL = spec.metadataURL
        if launches, let ami = spec.amiID {
            launch = EC2LaunchTemplate(imageID: ami, instanceType: spec.instanceType, subnetID: spec.subnetID,
                                       securityGroupIDs: spec.securityGroupIDs, instanceProfileName: spec.instanceProfile,
                                       userData: spec.userData)
        }
    }
}
