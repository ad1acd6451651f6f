#if canImport(Glibc)
import Glibc
#endif
import Foundation
import NommerLive
import Testing

@Suite("ChildProcess")
struct ChildProcessTests {
    @Test("a spawned worker inherits no descriptor of its parent beyond 0, 1 and 2")
    func noInheritedDescriptors() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("child-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        // A descriptor opened without close-on-exec, as NIO's listening socket and SQLite's files are.
        let leaked = open(directory.appendingPathComponent("held").path, O_WRONLY | O_CREAT, 0o644)
        try #require(leaked > 2)
        defer { close(leaked) }
        let log = directory.appendingPathComponent("child.log").path
        let pid = try ChildProcess.spawn(
            executable: "/bin/sh",
            arguments: ["-c", "if [ -e /proc/self/fd/\(leaked) ]; then echo inherited; else echo closed; fi; echo out-$$"],
            logPath: log)
        let deadline = Date().addingTimeInterval(30)
        var status = ChildProcess.status(of: pid)
        while status == .running && Date() < deadline {
            usleep(10_000)
            status = ChildProcess.status(of: pid)
        }
        #expect(status == .exited("exit status 0"))
        let output = try String(contentsOfFile: log, encoding: .utf8)
        #expect(output == "closed\nout-\(pid)\n")
    }
}
