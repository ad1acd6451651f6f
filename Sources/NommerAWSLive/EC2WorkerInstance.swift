import NommerAWS
import NommerCore
import NommerLive

/// A worker's own EC2 instance. EC2 knows when the instance runs, so
/// `started` and `alive` record nothing; `terminate` calls TerminateInstances
/// on the instance itself (the worker's role needs `ec2:TerminateInstances`).
public struct EC2WorkerInstance: WorkerInstance {
    public let id: InstanceID
    let ec2: AWSServiceClient

    public init(id: InstanceID, ec2: AWSServiceClient) {
        self.id = id
        self.ec2 = ec2
    }

    public func started() async throws(BackendError) {}

    public func alive() async throws(BackendError) {}

    public func terminate(reason: String) async throws(BackendError) {
        do {
            _ = try await ec2.query(action: "TerminateInstances", version: EC2Fleet.apiVersion,
                                    [(name: "InstanceId.1", value: id.rawValue)])
        } catch {
            if case let .service(serviceError) = error, serviceError.code == "InvalidInstanceID.NotFound" {
                throw .unknownInstance(id)
            }
            throw error.backendError
        }
    }
}
