import Foundation

/// Moves a finished output to its `file://` destination: the destination's
/// directory must lie inside the allowed roots (after resolving `..` and
/// symlinks); the file is copied to a temp file in that directory and renamed
/// over the target, so a reader sees the old file or the new one, never half
/// of one, and nothing is written outside the roots.
public struct AtomicPublisher: Sendable {
    public let roots: AllowedRoots

    public init(roots: AllowedRoots) {
        self.roots = roots
    }

    /// Publishes `file` (in the workspace) at `destinationURI`; returns the path written.
    public func publish(_ file: String, to destinationURI: String) throws(TransferError) -> String {
        guard let path = AllowedRoots.path(ofFileURI: destinationURI) else {
            throw TransferError("destination \(destinationURI) is not a local file:// URI")
        }
        let target: String
        do { target = try roots.newFile(path) } catch { throw TransferError("destination \(error)") }
        let directory = (target as NSString).deletingLastPathComponent
        let name = (target as NSString).lastPathComponent
        let temporary = directory + "/." + name + ".nommer-" + UUID().uuidString.prefix(8) + ".tmp"
        do {
            try FileManager.default.copyItem(atPath: file, toPath: temporary)
            if let handle = FileHandle(forUpdatingAtPath: temporary) {
                try? handle.synchronize()
                try? handle.close()
            }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw TransferError("could not write \(temporary): \(error.localizedDescription)")
        }
        guard rename(temporary, target) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw TransferError("could not replace \(target): \(reason)")
        }
        return target
    }
}
