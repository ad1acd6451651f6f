import Foundation
import NommerCore
import SWXMLHash

/// EC2 over the query protocol as the core's ``Fleet`` port: the fleet is the
/// instances tagged `nommer:fleet = fleetName`.
///
/// Launches require IMDSv2 (`MetadataOptions.HttpTokens=required`), tag the
/// instances at creation, and carry a `ClientToken`, so the HTTP-level
/// retries of one launch never start a second set of instances.
public struct EC2Fleet: Fleet {
    public let client: AWSServiceClient
    public let fleetName: String
    public let template: EC2LaunchTemplate
    /// Instances per DescribeInstances page (5...1000).
    public var pageSize: Int = 100

    public static let apiVersion = "2016-11-15"
    public static let fleetTag = "nommer:fleet"
    /// Set to ``workerStartedValue`` by the worker once it takes work: until
    /// then a `running` instance is still booting (the OS and the worker start).
    public static let workerTag = "nommer:worker"
    public static let workerStartedValue = "started"

    public init(client: AWSServiceClient, fleetName: String, template: EC2LaunchTemplate) {
        self.client = client
        self.fleetName = fleetName
        self.template = template
    }

    public func describe() async throws(BackendError) -> [InstanceDescription] {
        do { return try await describePages().instances } catch { throw error.backendError }
    }

    /// The fleet's live instances and the number of pages it took.
    public func describePages() async throws(AWSError) -> (instances: [InstanceDescription], pages: Int) {
        var instances: [InstanceDescription] = []
        var token: String?
        var pages = 0
        repeat {
            var parameters: [(name: String, value: String)] = [
                ("Filter.1.Name", "tag:\(Self.fleetTag)"), ("Filter.1.Value.1", fleetName),
                ("Filter.2.Name", "instance-state-name"),
                ("Filter.2.Value.1", "pending"), ("Filter.2.Value.2", "running"),
                ("Filter.2.Value.3", "stopping"), ("Filter.2.Value.4", "shutting-down"),
                ("MaxResults", String(pageSize)),
            ]
            if let token { parameters.append(("NextToken", token)) }
            let xml = try await client.query(action: "DescribeInstances", version: Self.apiVersion, parameters)
            let response = xml["DescribeInstancesResponse"]
            for reservation in response["reservationSet"]["item"].all {
                for item in reservation["instancesSet"]["item"].all {
                    if let instance = try Self.instance(item) { instances.append(instance) }
                }
            }
            token = response["nextToken"].element?.text
            if token?.isEmpty == true { token = nil }
            pages += 1
        } while token != nil
        return (instances.sorted { $0.id < $1.id }, pages)
    }

    public func launch(count: Int) async throws(BackendError) -> [InstanceID] {
        do { return try await launch(count: count, clientToken: UUID().uuidString) } catch { throw Self.launchError(error, count) }
    }

    /// Launches up to `count` instances (at least one); a repeated call with
    /// the same `clientToken` returns the same instances instead of new ones.
    public func launch(count: Int, clientToken: String) async throws(AWSError) -> [InstanceID] {
        guard count >= 1 else { return [] }
        let credentials = try? await client.credentials.credentials()
        try template.checkUserDataHasNoSecrets(credentials ?? nil)
        var parameters: [(name: String, value: String)] = [
            ("ImageId", template.imageID), ("InstanceType", template.instanceType),
            ("MinCount", "1"), ("MaxCount", String(count)), ("ClientToken", clientToken),
            ("MetadataOptions.HttpTokens", "required"), ("MetadataOptions.HttpEndpoint", "enabled"),
            // A worker's boot script shuts the machine down when the worker exits
            // (docs/aws.md): that must end the instance, not leave it stopped.
            ("InstanceInitiatedShutdownBehavior", "terminate"),
            ("TagSpecification.1.ResourceType", "instance"),
            ("TagSpecification.1.Tag.1.Key", Self.fleetTag), ("TagSpecification.1.Tag.1.Value", fleetName),
        ]
        for (index, tag) in template.tags.sorted(by: { $0.key < $1.key }).enumerated() {
            parameters.append(("TagSpecification.1.Tag.\(index + 2).Key", tag.key))
            parameters.append(("TagSpecification.1.Tag.\(index + 2).Value", tag.value))
        }
        if let subnet = template.subnetID { parameters.append(("SubnetId", subnet)) }
        for (index, group) in template.securityGroupIDs.enumerated() {
            parameters.append(("SecurityGroupId.\(index + 1)", group))
        }
        if let profile = template.instanceProfileName { parameters.append(("IamInstanceProfile.Name", profile)) }
        if let userData = template.userData {
            parameters.append(("UserData", Data(userData.utf8).base64EncodedString()))
        }
        let xml = try await client.query(action: "RunInstances", version: Self.apiVersion, parameters)
        return xml["RunInstancesResponse"]["instancesSet"]["item"].all.compactMap {
            $0["instanceId"].element?.text
        }.map(InstanceID.init)
    }

    public func terminate(_ ids: [InstanceID]) async throws(BackendError) {
        guard !ids.isEmpty else { return }
        let parameters = ids.enumerated().map { (name: "InstanceId.\($0.offset + 1)", value: $0.element.rawValue) }
        do { _ = try await client.query(action: "TerminateInstances", version: Self.apiVersion, parameters) }
        catch {
            if case let .service(serviceError) = error, serviceError.code == "InvalidInstanceID.NotFound",
               let first = ids.first {
                throw .unknownInstance(first)
            }
            throw error.backendError
        }
    }

    /// EC2's state names onto the port's: pending -> booting, running ->
    /// running once the worker has tagged it started (booting before),
    /// stopping/shutting-down -> stopping; others are left out.
    static func instance(_ item: XMLIndexer) throws(AWSError) -> InstanceDescription? {
        guard let id = item["instanceId"].element?.text,
              let stateName = item["instanceState"]["name"].element?.text else {
            throw .invalidResponse("DescribeInstances: an instance without instanceId or instanceState")
        }
        let state: InstanceState
        switch stateName {
        case "pending": state = .booting
        case "running":
            let started = item["tagSet"]["item"].all.contains {
                $0["key"].element?.text == workerTag && $0["value"].element?.text == workerStartedValue
            }
            state = started ? .running : .booting
        case "stopping", "shutting-down": state = .stopping
        default: return nil
        }
        let launched = item["launchTime"].element.flatMap { AWSTimestamp(iso8601: $0.text) }
        return InstanceDescription(id: InstanceID(id), state: state,
                                   launchedAt: Double(launched?.secondsSince1970 ?? 0))
    }

    /// The quota codes become ``BackendError/instanceLimitExceeded(requested:available:)``.
    static func launchError(_ error: AWSError, _ count: Int) -> BackendError {
        if case let .service(serviceError) = error,
           ["InstanceLimitExceeded", "VcpuLimitExceeded", "InsufficientInstanceCapacity"].contains(serviceError.code) {
            return .instanceLimitExceeded(requested: count, available: 0)
        }
        return error.backendError
    }
}
