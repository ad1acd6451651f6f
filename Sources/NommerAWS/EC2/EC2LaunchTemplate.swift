/// What every instance of the fleet is launched with.
public struct EC2LaunchTemplate: Sendable, Equatable {
    /// The AMI (`ami-...`).
    public var imageID: String
    /// `c5.xlarge`, ...
    public var instanceType: String
    public var subnetID: String?
    public var securityGroupIDs: [String]
    /// The instance profile (role) the worker's credentials come from.
    public var instanceProfileName: String?
    /// The boot script that starts the worker: no keys in it, ever (the
    /// worker gets credentials from the instance role). Sent base64-encoded.
    public var userData: String?
    /// Extra tags on every instance, beside the fleet tag.
    public var tags: [String: String]

    public init(imageID: String, instanceType: String, subnetID: String? = nil, securityGroupIDs: [String] = [],
                instanceProfileName: String? = nil, userData: String? = nil, tags: [String: String] = [:]) {
        self.imageID = imageID
        self.instanceType = instanceType
        self.subnetID = subnetID
        self.securityGroupIDs = securityGroupIDs
        self.instanceProfileName = instanceProfileName
        self.userData = userData
        self.tags = tags
    }

    /// Refuses user data that looks like it carries AWS keys (an access key
    /// id, a secret variable, or the given credentials' values).
    func checkUserDataHasNoSecrets(_ credentials: AWSCredentials?) throws(AWSError) {
        guard let userData else { return }
        var suspicious = ["AWS_SECRET_ACCESS_KEY", "aws_secret_access_key", "AWS_SESSION_TOKEN"]
        if let credentials {
            suspicious += [credentials.accessKeyID, credentials.secretAccessKey]
            if let token = credentials.sessionToken { suspicious.append(token) }
        }
        if suspicious.contains(where: { !$0.isEmpty && userData.contains($0) }) {
            throw .invalidRequest("RunInstances: user data contains AWS credentials; workers take theirs from the instance role")
        }
    }
}
