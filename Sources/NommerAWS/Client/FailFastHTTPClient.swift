import AsyncHTTPClient

/// An HTTP client for callers that handle failures themselves: the AWS
/// clients (which retry as botocore does) and the `submit`/`status`
/// commands (which report at once).
public enum FailFastHTTPClient {
    /// `HTTPClient.shared`'s settings, except that a connection that cannot
    /// be established fails its request at once (after at most 10 s to
    /// connect) instead of being re-tried silently until the request's
    /// deadline: with `HTTPClient.shared` a server that is not running costs
    /// the whole deadline (30 s) before anything is reported. Lives as long
    /// as the process, like `HTTPClient.shared`, and needs no shutdown.
    public static let shared: HTTPClient = {
        var configuration = HTTPClient.Configuration.singletonConfiguration
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout.connect = .seconds(10)
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()
}
