/// Which region to talk to: `AWS_REGION`, then `AWS_DEFAULT_REGION`, then the
/// profile's `region` in the shared config file; nil if none says.
public enum AWSRegion {
    public static func resolve(environment: [String: String]) throws(AWSError) -> String? {
        for name in ["AWS_REGION", "AWS_DEFAULT_REGION"] {
            if let value = environment[name], !value.isEmpty { return value }
        }
        return try ProfileCredentials(environment: environment).region()
    }
}
