import NommerAWS
import NommerCore
import NommerLive

/// A worker's own EC2 instance. `started` tags the instance
/// `nommer:worker = started` (CreateTags), so the fleet counts it running
/// rather than booting from then on; `alive` records nothing (EC2 knows the
/// instance runs); `terminate` calls TerminateInstances on the instance
/// itself. The worker's role needs `ec2:CreateTags` and `ec2:TerminateInstances`.
public struct EC2WorkerInstance: WorkerInstance {
    public let id: InstanceID
    let ec2: AWSServiceClient

    public init(id: InstanceID, ec2: AWSServiceClient) {
        self.id = id
        self.ec2 = ec2
    }

    public func started() async throws(BackendError) {
        do {
            _ = try await ec2.query(action: "CreateTags", version: EC2Fleet.apiVersion, [
                (name: "ResourceId.1", value: id.rawValue),
                (name: "Tag.1.Key", value: EC2Fleet.workerTag), (name: "Tag.1.Value", value: EC2Fleet.workerStartedValue),
            ])
        } catch {
            if case let .service(serviceError) = error, serviceError.code == "InvalidInstanceID.NotFound" {
                throw .unknownInstance(id)
            }
            throw error.backendError
        }
    }

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
