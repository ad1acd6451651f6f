import Foundation

/// The directories `file://` sources and destinations must lie in
/// (`--allow-root DIR`, repeatable). Paths are checked after resolving `..`
/// and symbolic links, so neither a `../` nor a symlink inside a root that
/// points elsewhere reaches out of it.
public struct AllowedRoots: Sendable, Equatable {
    /// The roots' real paths (absolute, no symlinks, no trailing slash).
    public let realPaths: [String]

    /// - Throws: ``FileConfinementError/rootMissing(_:)`` if a root does not exist or is not a directory.
    public init(_ roots: [String]) throws(FileConfinementError) {
        var resolved: [String] = []
        for root in roots {
            guard let real = Self.realPath(root), Self.isDirectory(real) else { throw .rootMissing(root) }
            resolved.append(real)
        }
        realPaths = resolved
    }

    /// The real path of an existing file (a job's source) if it lies inside a root.
    public func existingFile(_ path: String) throws(FileConfinementError) -> String {
        guard path.hasPrefix("/") else { throw .notAbsolute(path) }
        guard let real = Self.realPath(path) else { throw .notFound(path) }
        guard contains(real) else { throw .outsideRoots(path) }
        guard !Self.isDirectory(real) else { throw .notAFile(path) }
        return real
    }

    /// Where a new file (a job's destination) may be written: the real path
    /// of its parent directory, which must exist and lie inside a root, joined
    /// with its name. Writing through the result (a temp file in that
    /// directory, then rename) never leaves the roots: rename replaces a
    /// symlink at the target rather than following it.
    public func newFile(_ path: String) throws(FileConfinementError) -> String {
        guard path.hasPrefix("/") else { throw .notAbsolute(path) }
        let name = (path as NSString).lastPathComponent
        guard !path.hasSuffix("/"), !name.isEmpty, name != ".", name != "..", name != "/" else { throw .notAFile(path) }
        let parent = (path as NSString).deletingLastPathComponent
        guard let realParent = Self.realPath(parent), Self.isDirectory(realParent) else { throw .notFound(parent) }
        let target = realParent == "/" ? "/" + name : realParent + "/" + name
        guard contains(target) else { throw .outsideRoots(path) }
        if let realTarget = Self.realPath(target), Self.isDirectory(realTarget) { throw .notAFile(path) }
        return target
    }

    /// Whether `path`, which need not exist yet, would lie inside a root: the
    /// deepest existing ancestor is resolved (`..` and symlinks), the rest
    /// appended; a `..` in the part that does not exist is refused. The API
    /// checks sources and destinations this way at submit time; workers check
    /// again, on the real files, with ``existingFile(_:)`` and ``newFile(_:)``.
    public func permitsPath(_ path: String) throws(FileConfinementError) {
        guard path.hasPrefix("/") else { throw .notAbsolute(path) }
        var existing = path
        var rest: [String] = []
        while Self.realPath(existing) == nil {
            let name = (existing as NSString).lastPathComponent
            rest.insert(name, at: 0)
            existing = (existing as NSString).deletingLastPathComponent
            if existing.isEmpty { existing = "/" }
        }
        guard !rest.contains(".."), let real = Self.realPath(existing) else { throw .outsideRoots(path) }
        let joined = ([real == "/" ? "" : real] + rest.filter { $0 != "." && !$0.isEmpty }).joined(separator: "/")
        guard contains(joined.isEmpty ? "/" : joined) else { throw .outsideRoots(path) }
    }

    /// True if the resolved `realPath` is a root or lies below one.
    public func contains(_ realPath: String) -> Bool {
        realPaths.contains { root in
            root == "/" || realPath == root || realPath.hasPrefix(root + "/")
        }
    }

    /// The path of a `file://` URI (percent-decoded), or nil for another scheme
    /// or a file URI naming a host other than `localhost`.
    public static func path(ofFileURI uri: String) -> String? {
        guard let url = URL(string: uri), url.scheme?.lowercased() == "file" else { return nil }
        let host = url.host ?? ""
        guard host.isEmpty || host == "localhost" else { return nil }
        let path = url.path
        return path.isEmpty ? nil : path
    }

    /// `realpath(3)`: absolute, `..` and symlinks resolved; nil if the path does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}

/// Why a file path was refused.
public enum FileConfinementError: Error, Equatable, Sendable, CustomStringConvertible {
    case rootMissing(String)
    case notAbsolute(String)
    case notFound(String)
    case notAFile(String)
    case outsideRoots(String)

    public var description: String {
        switch self {
        case .rootMissing(let root): return "allowed root \(root) does not exist or is not a directory"
        case .notAbsolute(let path): return "\(path) is not an absolute path"
        case .notFound(let path): return "\(path) does not exist"
        case .notAFile(let path): return "\(path) is a directory, not a file"
        case .outsideRoots(let path): return "\(path) is outside the allowed roots"
        }
    }
}
