import Foundation
import NommerAWS
import NommerCore
import NommerLive

/// The AWS backend as the live runtime sees it: jobs in DynamoDB (or
/// SimpleDB), the new-job and state-change queues on SQS, workers on EC2.
///
/// A module of its own (NommerAWSLive) rather than part of NommerAWS, so the
/// AWS clients keep depending on the core alone and can be used and tested
/// without the live runtime; and NommerLive stays backend-agnostic.
public struct AWSLiveBackend: LiveBackend {
    public var name: String { "aws" }
    /// The connected clients (region, store, queues, EC2).
    public let connection: AWSBackend
    public let store: any JobStore
    public let newJobQueue: any JobQueue
    public let stateChangeQueue: any JobQueue
    public let fleet: any Fleet
    public let jobService: any JobService
    private let stopFleet: @Sendable () async -> Void

    /// Wraps a connected backend. `fleet` defaults to the EC2 fleet (a
    /// process without a launch template launches nothing); `stopFleet` runs
    /// when feederd stops (EC2 instances are left running: nothing by default).
    public init(connection: AWSBackend, fleet: (any Fleet)? = nil, clock: any LiveClock = SystemClock(),
                stopFleet: @escaping @Sendable () async -> Void = {}) {
        self.connection = connection
        store = connection.jobStore
        newJobQueue = connection.newJobs
        stateChangeQueue = connection.stateChanges
        if let fleet {
            self.fleet = fleet
        } else if let ec2 = connection.fleet {
            self.fleet = ec2
        } else {
            self.fleet = NoFleet()
        }
        jobService = AWSJobService(store: connection.jobStore, newJobQueue: connection.newJobs,
                                   stateChangeQueue: connection.stateChanges, clock: clock)
        self.stopFleet = stopFleet
    }

    public func workerInstance(_ id: InstanceID) -> any WorkerInstance {
        EC2WorkerInstance(id: id, ec2: connection.ec2)
    }

    public func feederStopped() async {
        await stopFleet()
    }
}

/// The fleet of a process that launches nothing (no `aws.ami_id`): it sees no
/// instance and refuses launches.
struct NoFleet: Fleet {
    func describe() async throws(BackendError) -> [InstanceDescription] { [] }
    func launch(count: Int) async throws(BackendError) -> [InstanceID] {
        throw .service(code: "NoLaunchTemplate", message: "aws.ami_id is not set: this process launches no instance")
    }
    func terminate(_ ids: [InstanceID]) async throws(BackendError) {}
}
