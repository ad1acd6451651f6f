import NommerCore

/// The ports one backend provides to the live runtime: the embedded backend
/// (SQLite and local processes) and, later, AWS (DynamoDB or SimpleDB, SQS,
/// EC2) each implement this in a module of their own, and the CLI picks one
/// by `--backend`.
///
/// ## Implementation requirements
/// Every call may fail with a ``BackendError``; transient failures are marked
/// so and are retried by the drivers with backoff. Nothing here may block a
/// thread for long: long polls are `async`.
public protocol LiveBackend: Sendable {
    /// The backend's name, as `--backend` spells it.
    var name: String { get }
    /// The job records.
    var store: any JobStore { get }
    /// Queue of new jobs (feederd -> workers).
    var newJobQueue: any JobQueue { get }
    /// Queue of state changes (workers -> feederd).
    var stateChangeQueue: any JobQueue { get }
    /// The instances that run workers.
    var fleet: any Fleet { get }
    /// Job operations for the HTTP API.
    var jobService: any JobService { get }
    /// The instance a worker process runs on, for that worker.
    func workerInstance(_ id: InstanceID) -> any WorkerInstance
    /// feederd is stopping: release what the backend holds for it (the local
    /// fleet stops its worker processes; EC2 instances are left running).
    func feederStopped() async
}

extension LiveBackend {
    public func feederStopped() async {}
}

/// A worker's view of its own instance: it reports that it has booted, that
/// it is alive, and terminates itself when idle.
public protocol WorkerInstance: Sendable {
    var id: InstanceID { get }
    /// The worker has booted and takes work.
    func started() async throws(BackendError)
    /// The worker is alive (called on every heartbeat).
    func alive() async throws(BackendError)
    /// The worker is done: terminate the instance (EC2: TerminateInstances on
    /// itself; local: record the end, the process then exits).
    func terminate(reason: String) async throws(BackendError)
}
