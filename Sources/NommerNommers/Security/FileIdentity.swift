#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Which file a path names, for the checks that one path must not be
/// another: an output that would overwrite an input (the commands' output
/// options), a job whose destination is its source (the API).
public enum FileIdentity {
    /// `realpath(3)`: absolute, `..` and symbolic links resolved; nil if the path does not exist.
    public static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The absolute path with `.`, `..` and symbolic links resolved; for a
    /// file that does not exist yet, its folder's resolved path and its name.
    public static func resolved(_ path: String) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        if let real = realPath(absolute) { return real }
        let name = (absolute as NSString).lastPathComponent
        guard let folder = realPath((absolute as NSString).deletingLastPathComponent) else { return absolute }
        return (folder as NSString).appendingPathComponent(name)
    }

    /// Whether `a` and `b` name the same file: the same resolved path
    /// (`./s.csv` and `s.csv`, a symbolic link and its target), or, when both
    /// exist, the same device and inode (a hard link).
    public static func sameFile(_ a: String, _ b: String) -> Bool {
        if resolved(a) == resolved(b) { return true }
        var first = stat(), second = stat()
        guard stat(a, &first) == 0, stat(b, &second) == 0 else { return false }
        return first.st_dev == second.st_dev && first.st_ino == second.st_ino
    }
}
