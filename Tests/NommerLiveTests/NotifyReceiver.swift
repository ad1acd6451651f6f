import Foundation
import Hummingbird

/// A notify endpoint on 127.0.0.1 that counts the callbacks it receives per job.
final class NotifyReceiver: @unchecked Sendable {
    private let lock = NSLock()
    private var calls: [String: Int] = [:]
    private var task: Task<Void, any Error>?
    private(set) var port = 0

    /// Callbacks received, by job id.
    var counts: [String: Int] { lock.withLock { calls } }

    /// Starts the server; returns once it listens.
    func start() async throws {
        let router = Router()
        router.post("/notify/:id") { [self] _, context -> HTTPResponse.Status in
            let id = context.parameters.get("id") ?? "?"
            lock.withLock { calls[id, default: 0] += 1 }
            return .ok
        }
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) })
        task = Task { try await app.runService(gracefulShutdownSignals: []) }
        var iterator = ports.makeAsyncIterator()
        port = await iterator.next() ?? 0
    }

    func stop() async {
        task?.cancel()
        _ = await task?.result
    }
}
