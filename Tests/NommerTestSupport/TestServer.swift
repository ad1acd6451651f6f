import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// Runs the application `make` builds (given the port callback) while `body` runs, then shuts it down gracefully.
public func withTestServer<T: Sendable, App: ApplicationProtocol>(
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

public enum TestServerError: Error { case didNotStart }

/// Logs only warnings and worse from test servers.
public let testServerLogger: Logger = {
    var logger = Logger(label: "test-server")
    logger.logLevel = .warning
    return logger
}()

/// Runs a program to completion (test fixtures: making and probing clips).
@discardableResult
public func runTool(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// Serves `router` on 127.0.0.1 on a free port while `body` runs, then shuts it down gracefully.
public func withTestServer<T: Sendable>(_ router: Router<BasicRequestContext>,
                                        _ body: (Int) async throws -> T) async throws -> T {
    try await withTestServer({ onListening in
        Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                    onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) },
                    logger: testServerLogger)
    }, body)
}
