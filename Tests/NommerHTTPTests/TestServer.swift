import Foundation
import Hummingbird

/// Runs the application `make` builds (given the port callback) while `body` runs, then stops it.
func withTestServer<T: Sendable, App: ApplicationProtocol>(
    _ make: (@escaping @Sendable (Int) async -> Void) throws -> App,
    _ body: (Int) async throws -> T
) async throws -> T {
    let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
    let app = try make { port in continuation.yield(port) }
    let server = Task {
        defer { continuation.finish() }
        try await app.runService(gracefulShutdownSignals: [])
    }
    var iterator = ports.makeAsyncIterator()
    guard let port = await iterator.next(), port > 0 else {
        server.cancel()
        throw TestServerError.didNotStart
    }
    do {
        let result = try await body(port)
        server.cancel()
        _ = await server.result
        return result
    } catch {
        server.cancel()
        _ = await server.result
        throw error
    }
}

enum TestServerError: Error { case didNotStart }

/// Runs a program to completion (test fixtures: making and probing clips).
@discardableResult
func runTool(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
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
