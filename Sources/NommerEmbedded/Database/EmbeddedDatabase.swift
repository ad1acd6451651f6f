import Foundation
import GRDB
import NommerCore

/// The embedded backend's one SQLite file (`nommer.sqlite` in the data
/// directory): the jobs table, both queues and the local fleet's instances.
///
/// Several processes open the same file (feederd, every worker, a client):
/// each opens its own `DatabasePool` (WAL mode: readers never block the
/// writer) with a busy timeout, and every write is an IMMEDIATE transaction,
/// so two processes never deadlock upgrading a read lock.
public final class EmbeddedDatabase: Sendable {
    /// The file's name inside the data directory.
    public static let fileName = "nommer.sqlite"

    /// How long a writer waits for another process's write lock, in seconds.
    public static let busyTimeoutSeconds: Double = 10

    /// The data directory.
    public let directory: String
    /// The database file's path.
    public let path: String
    let pool: DatabasePool

    /// Opens (creating if needed) the database in `directory`, which is
    /// created too. Throws ``BackendError/service(code:message:)`` with a
    /// message naming the path if it cannot be opened.
    public init(directory: String) throws(BackendError) {
        self.directory = directory
        self.path = (directory as NSString).appendingPathComponent(Self.fileName)
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw BackendError.service(code: "DataDirectory",
                                       message: "cannot create the data directory \(directory): \((error as NSError).localizedDescription)")
        }
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(Self.busyTimeoutSeconds)
            configuration.label = "nommer"
            pool = try DatabasePool(path: path, configuration: configuration)
            try pool.write { db in try EmbeddedSchema.create(db) }
        } catch {
            throw BackendError.service(code: "DatabaseOpen", message: "cannot open \(path): \(error)")
        }
    }

    /// Runs `body` in one IMMEDIATE write transaction; SQLite and other
    /// errors become ``BackendError``s (busy and locked: transient).
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(BackendError) -> T {
        do {
            return try await pool.write(body)
        } catch {
            throw Self.backendError(error)
        }
    }

    /// Runs `body` on a read snapshot that reflects every committed write.
    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(BackendError) -> T {
        do {
            return try await pool.read(body)
        } catch {
            throw Self.backendError(error)
        }
    }

    /// Maps an error thrown inside a database access to a ``BackendError``.
    static func backendError(_ error: any Error) -> BackendError {
        if let backend = error as? BackendError { return backend }
        if let database = error as? DatabaseError {
            switch database.resultCode {
            case .SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_IOERR:
                return .transient("SQLite \(database.resultCode): \(database.message ?? "")")
            default:
                return .service(code: "SQLite\(database.resultCode.rawValue)", message: database.message ?? "\(database)")
            }
        }
        if error is CancellationError { return .transient("cancelled") }
        return .service(code: "Embedded", message: "\(error)")
    }
}

extension EmbeddedDatabase {
    /// Runs raw SQL in one write transaction (maintenance and tests).
    public func execute(sql: String) async throws(BackendError) {
        try await write { db in try db.execute(sql: sql) }
    }
}
