import Foundation

/// Reading a UTF-8 text file a user names (a scenario, a trace), with one
/// set of reasons for failing, so every command words them alike.
public enum TextFile {
    /// Why a file could not be read: "PATH is a directory", "no such file",
    /// "permission denied", "not UTF-8 text", or the system's own words.
    public struct Failure: Error, Equatable, CustomStringConvertible {
        public let reason: String
        public var description: String { reason }
    }

    /// The text of the file at `path`. Read through a file handle, so a pipe
    /// (`/dev/stdin`, `<(...)`) or a device reads too: Foundation's
    /// `Data(contentsOf:)` refuses them as a permission error.
    public static func read(_ path: String) throws(Failure) -> String {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        if exists && isDirectory.boolValue { throw Failure(reason: "\(path) is a directory") }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw Failure(reason: exists ? "permission denied" : "no such file")
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.readToEnd() ?? Data()
        } catch {
            throw Failure(reason: error.localizedDescription)
        }
        guard let text = String(data: data, encoding: .utf8) else { throw Failure(reason: "not UTF-8 text") }
        return text
    }
}
