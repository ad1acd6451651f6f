import Foundation
import Logging
import NommerCore
import NommerLive

/// The embedded backend: one SQLite database in a data directory holds the
/// job store and both queues; the fleet is local worker processes.
public struct EmbeddedBackend: LiveBackend {
    public var name: String { "embedded" }
    public let database: EmbeddedDatabase
    public let clock: any LiveClock
    public let store: any JobStore
    public let newJobQueue: any JobQueue
    public let stateChangeQueue: any JobQueue
    public let jobService: any JobService
    /// The local fleet (in a worker process or a client, one that launches nothing).
    public let localFleet: LocalFleet

    /// Opens the backend on `dataDirectory`. `fleet` is given in feederd, nil in workers and clients.
    public init(dataDirectory: String, fleet: LocalFleet.Settings? = nil, clock: any LiveClock = SystemClock(),
                logger: Logger = Logger(label: "nommer.embedded")) throws(BackendError) {
        let database = try EmbeddedDatabase(directory: dataDirectory)
        self.database = database
        self.clock = clock
        store = SQLiteJobStore(database: database)
        newJobQueue = SQLiteJobQueue(name: EmbeddedQueueName.newJobs, database: database, clock: clock)
        stateChangeQueue = SQLiteJobQueue(name: EmbeddedQueueName.stateChanges, database: database, clock: clock)
        jobService = EmbeddedJobService(database: database, clock: clock)
        localFleet = LocalFleet(database: database,
                                settings: fleet ?? .init(executable: "/bin/false", workerArguments: [], maxInstances: 0),
                                clock: clock, logger: logger)
    }

    public var fleet: any Fleet { localFleet }

    public func workerInstance(_ id: InstanceID) -> any WorkerInstance {
        LocalWorkerInstance(id: id, database: database, clock: clock)
    }

    /// Stops every worker process feederd started or adopted.
    public func feederStopped() async {
        await localFleet.stopAll()
    }
}
