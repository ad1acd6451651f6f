import Foundation
import NIOConcurrencyHelpers
import XCTest

/// moto's server (`python3 -m moto.server`), started once per test process
/// on a free 127.0.0.1 port the first time a test asks for it, and stopped
/// when the test bundle finishes.
final class MotoServer: Sendable {
    let port: Int
    private let process: NIOLockedValueBox<Process?>

    var endpoint: URL { URL(string: "http://127.0.0.1:\(port)")! }

    private init(port: Int, process: Process) {
        self.port = port
        self.process = NIOLockedValueBox(process)
    }

    private static let shared = NIOLockedValueBox<Result<MotoServer, SuiteError>?>(nil)

    /// The shared server, started on first use (waits up to 60 s for it to answer).
    static func start() throws -> MotoServer {
        try shared.withLockedValue { state in
            if let state { return try state.get() }
            let result = Result<MotoServer, SuiteError> { () throws(SuiteError) in try launch() }
            state = result
            return try result.get()
        }
    }

    private static func launch() throws(SuiteError) -> MotoServer {
        let python = ProcessInfo.processInfo.environment["NOMMER_PYTHON"] ?? "python3"
        let port: Int
        do { port = try freePort() } catch { throw SuiteError("no free port: \(error)") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, "-m", "moto.server", "-H", "127.0.0.1", "-p", String(port)]
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("moto-\(port).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        if let handle = try? FileHandle(forWritingTo: log) {
            process.standardOutput = handle
            process.standardError = handle
        }
        do { try process.run() } catch {
            throw SuiteError("cannot start moto (\(python) -m moto.server): \(error); run scripts/bootstrap")
        }
        let server = MotoServer(port: port, process: process)
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if !process.isRunning {
                let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
                throw SuiteError("moto exited at start-up (is moto[server] installed? run scripts/bootstrap): \(output.suffix(500))")
            }
            if canConnect(port: port) {
                XCTestObservationCenter.shared.addTestObserver(MotoStopper(server: server))
                return server
            }
            usleep(100_000)
        }
        process.terminate()
        throw SuiteError("moto did not answer on 127.0.0.1:\(port) within 60 s")
    }

    func stop() {
        process.withLockedValue { process in
            guard let running = process else { return }
            // moto's server does not always exit on SIGTERM: interrupt it, then kill it.
            if running.isRunning { running.interrupt() }
            let deadline = Date().addingTimeInterval(3)
            while running.isRunning, Date() < deadline { usleep(50_000) }
            if running.isRunning { kill(running.processIdentifier, SIGKILL) }
            running.waitUntilExit()
            process = nil
        }
    }

    /// Asks the kernel for a free port (bind to 0, read it, close).
    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw SuiteError("socket() failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard bound == 0 else { throw SuiteError("bind() failed") }
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { throw SuiteError("getsockname() failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func canConnect(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        return result == 0
    }
}

/// Stops moto when the test bundle is done.
private final class MotoStopper: NSObject, XCTestObservation, @unchecked Sendable {
    let server: MotoServer
    init(server: MotoServer) { self.server = server }
    func testBundleDidFinish(_ testBundle: Bundle) { server.stop() }
}
