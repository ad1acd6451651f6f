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
            guard let real = FileIdentity.realPath(root), Self.isDirectory(real) else { throw .rootMissing(root) }
            resolved.append(real)
        }
        realPaths = resolved
    }

    /// The real path of an existing file (a job's source) if it lies inside a root.
    public func existingFile(_ path: String) throws(FileConfinementError) -> String {
        guard path.hasPrefix("/") else { throw .notAbsolute(path) }
        guard let real = FileIdentity.realPath(path) else { throw .notFound(path) }
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
        guard let realParent = FileIdentity.realPath(parent), Self.isDirectory(realParent) else { throw .notFound(parent) }
        let target = realParent == "/" ? "/" + name : realParent + "/" + name
        guard contains(target) else { throw .outsideRoots(path) }
        if let realTarget = FileIdentity.realPath(target), Self.isDirectory(realTarget) { throw .notAFile(path) }
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
        while FileIdentity.realPath(existing) == nil {
            let name = (existing as NSString).lastPathComponent
            rest.insert(name, at: 0)
            existing = (existing as NSString).deletingLastPathComponent
            if existing.isEmpty { existing = "/" }
        }
        guard !rest.contains(".."), let real = FileIdentity.realPath(existing) else { throw .outsideRoots(path) }
        let joined = ([real == "/" ? "" : real] + rest.filter { $0 != "." && !$0.isEmpty }).joined(separator: "/")
        guard contains(joined.isEmpty ? "/" : joined) else { throw .outsideRoots(path) }
    }

    /// True if the resolved `realPath` is a root or lies below one.
    public func contains(_ realPath: String) -> Bool {
        realPaths.contains { root in
            root == "/" || realPath == root || realPath.hasPrefix(root + "/")
        }
    }

    /// The path of a `file://` URI (percent-decoded, see ``decodedPath(ofFileURI:)``),
    /// or nil for another scheme, a file URI naming a host other than
    /// `localhost`, or a path ``decodedPath(ofFileURI:)`` refuses.
    public static func path(ofFileURI uri: String) -> String? {
        try? decodedPath(ofFileURI: uri)
    }

    /// The path of a `file://` URI, every `%XX` decoded once, the same way
    /// for the API's check and the worker's use (`out%20clip.mp4` is
    /// `out clip.mp4`).
    ///
    /// - Throws: ``FileURIError`` for another scheme or a host other than
    ///   `localhost`; an encoded `/` (`%2F`), which would name a different
    ///   file depending on whether it is decoded; a control character (NUL,
    ///   `%00` to `%1F`, `%7F`), which no file name should hold and a NUL
    ///   would cut the path short; a `%` not followed by two hex digits; or
    ///   bytes that are not UTF-8.
    public static func decodedPath(ofFileURI uri: String) throws(FileURIError) -> String {
        guard let url = URL(string: uri), url.scheme?.lowercased() == "file" else { throw .notLocalFile }
        let host = url.host ?? ""
        guard host.isEmpty || host == "localhost" else { throw .notLocalFile }
        // Foundation quietly re-encodes a stray `%` as `%25` and drops `?...` and `#...` from
        // the path: check the text as written, so what is refused does not depend on that.
        guard url.query == nil, url.fragment == nil else { throw .queryOrFragment }
        let written = Array(uri.utf8)
        for (index, byte) in written.enumerated() where byte == UInt8(ascii: "%") {
            guard index + 2 < written.count, hexValue(written[index + 1]) != nil, hexValue(written[index + 2]) != nil else {
                throw .badEscape
            }
        }
        let encoded = Array(url.path(percentEncoded: true).utf8)
        guard !encoded.isEmpty else { throw .notLocalFile }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(encoded.count)
        var index = 0
        while index < encoded.count {
            var byte = encoded[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < encoded.count, let high = hexValue(encoded[index + 1]), let low = hexValue(encoded[index + 2]) else {
                    throw .badEscape
                }
                byte = high << 4 | low
                if byte == UInt8(ascii: "/") { throw .encodedSlash }
                index += 3
            } else {
                index += 1
            }
            if byte < 0x20 || byte == 0x7F { throw .controlCharacter }
            bytes.append(byte)
        }
        guard let path = String(bytes: bytes, encoding: .utf8) else { throw .notUTF8 }
        return path
    }

    /// The value of an ASCII hex digit (the standard library's `Character.hexDigitValue`).
    private static func hexValue(_ byte: UInt8) -> UInt8? {
        byte < 0x80 ? Character(Unicode.Scalar(byte)).hexDigitValue.map(UInt8.init) : nil
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}

/// Why a `file://` URI does not name a usable local path.
public enum FileURIError: Error, Equatable, Sendable, CustomStringConvertible {
    case notLocalFile
    case encodedSlash
    case controlCharacter
    case badEscape
    case notUTF8
    case queryOrFragment

    public var description: String {
        switch self {
        case .notLocalFile: return "a file URI must name a local absolute path (file:///...)"
        case .encodedSlash: return "an encoded / (%2F) is not allowed in a file URI's path"
        case .controlCharacter: return "a control character (such as %00) is not allowed in a file URI's path"
        case .badEscape: return "a % must be followed by two hex digits in a file URI's path"
        case .notUTF8: return "a file URI's path must decode to UTF-8"
        case .queryOrFragment: return "a file URI has no query (?) or fragment (#): a file name holding them must encode them (%3F, %23)"
        }
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
