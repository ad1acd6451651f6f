import Hummingbird
import Logging
import NommerLive
import NommerNommers

/// The job API's entry point: builds the Hummingbird application a runtime
/// puts into its ServiceGroup (`Application` is a `Service`).
public enum JobAPI {
    /// The application serving `POST /jobs`, `GET /jobs`, `GET /jobs/{id}`,
    /// `POST /jobs/{id}/cancel`, `GET /health`, `GET /metrics` and media-nommer's
    /// `POST /job/submit` (see docs/api.md).
    ///
    /// - Parameters:
    ///   - service: stores and reads jobs.
    ///   - nommers: the nommers jobs may name; their `validate(optionsJSON:)` checks options.
    ///   - metrics: the text `GET /metrics` answers (Prometheus exposition format).
    ///   - onListening: called with the bound port once the server listens (useful with port 0).
    /// - Throws: ``APIStartError/tokenRequired(host:)`` when listening beyond loopback without a token.
    public static func application(
        service: any JobService, nommers: [any Nommer], settings: APISettings,
        metrics: @escaping @Sendable () async -> String = { "" },
        onListening: @escaping @Sendable (Int) async -> Void = { _ in },
        logger: Logger? = nil
    ) throws(APIStartError) -> some ApplicationProtocol {
        if let token = settings.token, token.isEmpty { throw .emptyToken }
        if settings.token == nil, !settings.listensOnLoopbackOnly { throw .tokenRequired(host: settings.host) }
        let router = Router()
        router.add(middleware: UnmatchedRouteMiddleware())
        if let token = settings.token { router.add(middleware: BearerTokenMiddleware(token: token)) }
        var byName: [String: any Nommer] = [:]
        for nommer in nommers { byName[nommer.name] = nommer }
        let routes = JobRoutes(service: service, validator: JobRequestValidator(settings: settings, nommers: byName),
                               settings: settings, metrics: metrics)
        routes.add(to: router)
        return Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname(settings.host, port: settings.port),
                                                    serverName: "nommer-sim"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? settings.port) },
            logger: logger
        )
    }
}

/// Why the API refused to start.
public enum APIStartError: Error, Equatable, Sendable, CustomStringConvertible {
    case tokenRequired(host: String)
    case emptyToken

    public var description: String {
        switch self {
        case .tokenRequired(let host):
            return "listening on \(host), beyond loopback, needs a bearer token (--token or NOMMER_TOKEN)"
        case .emptyToken: return "the bearer token is empty"
        }
    }
}
