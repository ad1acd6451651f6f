#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Starting and watching worker processes with posix_spawn and waitpid
/// (Foundation's Process reaps its children itself, which hides exits from a
/// fleet that must also watch processes it adopted after a restart). Used by
/// every fleet that runs workers as local processes (the embedded backend's,
/// and the AWS backend's `--local-workers` for tests).
public enum ChildProcess {
    /// Starts `executable` with `arguments`; stdin from /dev/null, stdout and
    /// stderr appended to `logPath`, and no other descriptor of this process
    /// (sockets, databases) inherited. Signals the parent ignores or blocks are
    /// reset for the child, so SIGTERM reaches it. `environment` is added to
    /// this process's own; with `ownProcessGroup` the child leads a new
    /// process group (so one `kill(-pid, ...)` reaches it and whatever it
    /// starts). Returns the pid.
    public static func spawn(executable: String, arguments: [String], logPath: String,
                             environment: [String: String] = [:], ownProcessGroup: Bool = false) throws -> pid_t {
        var fileActions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&fileActions)
        defer { posix_spawn_file_actions_destroy(&fileActions) }
        posix_spawn_file_actions_addopen(&fileActions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&fileActions, 1, logPath, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&fileActions, 1, 2)
        // Nothing else of ours reaches the child: without this a worker would
        // hold feederd's listening socket and database (few descriptors are
        // opened close-on-exec), and a restarted feederd could not bind its
        // port while any worker it started before a crash still ran.
        closeInheritedDescriptors(&fileActions)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGTERM, SIGINT, SIGHUP, SIGCHLD, SIGPIPE] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        var flags = POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK
        if ownProcessGroup {
            posix_spawnattr_setpgroup(&attributes, 0)
            flags |= POSIX_SPAWN_SETPGROUP
        }
        posix_spawnattr_setflags(&attributes, Int16(flags))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var merged = ProcessInfo.processInfo.environment
        for (key, value) in environment { merged[key] = value }
        let envp = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in envp { free(pointer) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &fileActions, &attributes, argv, envp)
        guard status == 0 else {
            throw NSError(domain: NSPOSIXErrorDomain, code: Int(status),
                          userInfo: [NSLocalizedDescriptionKey: "cannot start \(executable): \(String(cString: strerror(status)))"])
        }
        return pid
    }

    /// `posix_spawn_file_actions_addclosefrom_np` (glibc 2.34 and later), looked
    /// up at run time: Swift's Glibc module does not declare it (it is a GNU
    /// extension).
    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    private static let addCloseFrom: AddCloseFrom? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else {
            return nil
        }
        return unsafeBitCast(symbol, to: AddCloseFrom.self)
    }()

    /// Adds actions closing every descriptor from 3 up in the child: at once
    /// where the C library can, else one by one for each descriptor open now
    /// (listed from /proc/self/fd).
    private static func closeInheritedDescriptors(_ fileActions: inout posix_spawn_file_actions_t) {
        if let addCloseFrom, addCloseFrom(&fileActions, 3) == 0 { return }
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for descriptor in open.compactMap(Int32.init) where descriptor > 2 {
            posix_spawn_file_actions_addclose(&fileActions, descriptor)
        }
    }

    /// What became of a process.
    public enum Status: Equatable, Sendable {
        case running
        /// Our child exited (status as waitpid reported it, decoded).
        case exited(String)
        /// Not our child, and no process has this pid any more.
        case gone
    }

    /// Checks a process without blocking: reaps it if it is our child.
    public static func status(of pid: pid_t) -> Status {
        var raw: Int32 = 0
        let result = waitpid(pid, &raw, WNOHANG)
        if result == pid {
            let code = (raw >> 8) & 0xff, signal = raw & 0x7f
            return .exited(signal == 0 ? "exit status \(code)" : "killed by signal \(signal)")
        }
        if result == 0 { return .running }
        // Not our child (adopted after a restart): does the pid still exist?
        if kill(pid, 0) == 0 || errno == EPERM { return isZombie(pid) ? .gone : .running }
        return .gone
    }

    /// A zombie is dead but not yet reaped by its parent.
    private static func isZombie(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        let rest = stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces)
        return rest.hasPrefix("Z") || rest.hasPrefix("X")
    }

    /// Whether the process's command line names this instance (guards against
    /// a pid reused by another program after a restart). True where /proc is absent.
    public static func commandLine(of pid: pid_t, contains text: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else {
            return !FileManager.default.fileExists(atPath: "/proc/self/cmdline")
        }
        let line = String(decoding: data.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self)
        return line.contains(text)
    }

    public static func signal(_ pid: pid_t, _ signal: Int32) {
        _ = kill(pid, signal)
    }
}
