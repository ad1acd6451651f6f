import Foundation
import Hummingbird

/// Serves `router` on 127.0.0.1 on a free port while `body` runs, then stops.
func withTestServer<T: Sendable>(_ router: Router<BasicRequestContext>,
                                 _ body: (Int) async throws -> T) async throws -> T {
    let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
    let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                          onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) })
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
