import AsyncHTTPClient
import Foundation

/// Brings a job's source into its workspace: a `file://` source inside the
/// allowed roots is hard-linked (or copied), an `http(s)://` source is
/// downloaded through the ``GuardedHTTP`` client, streamed to disk with a
/// size limit.
public struct SourceFetcher: Sendable {
    public let roots: AllowedRoots
    public let http: GuardedHTTP
    /// Largest accepted download, in bytes.
    public let maximumDownloadBytes: Int64
    /// Deadline for a whole download, in seconds.
    public let downloadTimeoutSeconds: Double

    public init(roots: AllowedRoots, http: GuardedHTTP, maximumDownloadBytes: Int64 = 4 << 30,
                downloadTimeoutSeconds: Double = 3600) {
        self.roots = roots
        self.http = http
        self.maximumDownloadBytes = maximumDownloadBytes
        self.downloadTimeoutSeconds = downloadTimeoutSeconds
    }

    /// Fetches `sourceURI` to `target` (a path in the workspace).
    /// - Throws: ``TransferError`` with a message fit for the job's details.
    public func fetch(_ sourceURI: String, to target: String, progress: @escaping @Sendable () -> Void) async throws(TransferError) {
        let scheme = URL(string: sourceURI)?.scheme?.lowercased() ?? ""
        switch scheme {
        case "file":
            guard let path = AllowedRoots.path(ofFileURI: sourceURI) else {
                throw TransferError("source \(sourceURI) is not a local file:// URI")
            }
            let real: String
            do { real = try roots.existingFile(path) } catch { throw TransferError("source \(error)") }
            try? FileManager.default.removeItem(atPath: target)
            if link(real, target) != 0 {
                do { try FileManager.default.copyItem(atPath: real, toPath: target) } catch {
                    throw TransferError("could not copy source \(path): \(error.localizedDescription)")
                }
            }
            progress()
        case "http", "https":
            do {
                try await download(sourceURI, to: target, progress: progress)
            } catch let error as TransferError {
                throw error
            } catch let refusal as AddressGuard.Refusal {
                throw TransferError("source refused: \(refusal)")
            } catch {
                throw TransferError("download of \(sourceURI) failed: \(error)")
            }
        default:
            throw TransferError("source scheme of \(sourceURI) is not allowed (file, http, https)")
        }
    }

    private func download(_ url: String, to target: String, progress: @escaping @Sendable () -> Void) async throws {
        let limit = maximumDownloadBytes
        try await http.withResponse(HTTPClientRequest(url: url), timeoutSeconds: downloadTimeoutSeconds) { response in
            guard response.status.code == 200 else {
                throw TransferError("download of \(url) answered HTTP \(response.status.code)")
            }
            guard FileManager.default.createFile(atPath: target, contents: nil),
                  let handle = FileHandle(forWritingAtPath: target) else {
                throw TransferError("could not create \(target)")
            }
            defer { try? handle.close() }
            var written: Int64 = 0
            for try await chunk in response.body {
                written += Int64(chunk.readableBytes)
                guard written <= limit else { throw TransferError("download of \(url) is larger than \(limit) bytes") }
                try handle.write(contentsOf: Data(chunk.readableBytesView))
                progress()
            }
        }
    }
}

/// A download, copy or upload that failed, with a message for the job's details.
public struct TransferError: Error, Equatable, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
