#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// One feederd per data directory: an exclusive `flock` on
/// `DATA_DIR/feederd.lock`, held as long as the process lives. Two feederds on
/// one directory would each launch workers and take each other's jobs with
/// their own settings. The kernel drops the lock when the process ends, even
/// by `kill -9`, so a crash leaves nothing stale; workers never hold it (they
/// inherit no descriptor, see ``ChildProcess``).
public final class FeederdLock: @unchecked Sendable {
    private let descriptor: Int32
    /// The lock file's path.
    public let path: String

    /// Takes the lock, or throws naming the directory and the holder's pid.
    public init(dataDirectory: String) throws {
        path = (dataDirectory as NSString).appendingPathComponent("feederd.lock")
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw LockError("cannot open \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            close(descriptor)
            throw LockError("another feederd is running on \(dataDirectory)"
                + (holder.isEmpty ? "" : " (pid \(holder))") + "; one feederd per data directory")
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = pid.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
    }

    deinit { close(descriptor) }

    /// Why the lock could not be taken.
    public struct LockError: Error, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = description }
    }
}
