import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// Runs the application `make` builds (given the port callback) while `body` runs, then shuts it down gracefully.
func withTestServer<T: Sendable, App: ApplicationProtocol>(
    _ make: (@escaping @Sendable (Int) async -> Void) throws -> App,
    _ body: (Int) async throws -> T
) async throws -> T {
    let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
    let app = try make { port in continuation.yield(port) }
    let group = ServiceGroup(configuration: .init(services: [app], logger: testServerLogger))
    let server = Task {
        defer { continuation.finish() }
        try await group.run()
    }
    var iterator = ports.makeAsyncIterator()
    guard let port = await iterator.next(), port > 0 else {
        await group.triggerGracefulShutdown()
        _ = await server.result
        throw TestServerError.didNotStart
    }
    do {
        let result = try await body(port)
        await group.triggerGracefulShutdown()
        _ = await server.result
        return result
    } catch {
        await group.triggerGracefulShutdown()
        _ = await server.result
        throw error
    }
}

enum TestServerError: Error { case didNotStart }

/// Logs only warnings and worse from test servers.
let testServerLogger: Logger = {
    var logger = Logger(label: "test-server")
    logger.logLevel = .warning
    return logger
}()
