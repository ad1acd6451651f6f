import Foundation
import NommerCore

/// The AWS backend, connected and checked: the job store, the two queues and
/// (for the feeder) the fleet, built from ``AWSBackendSettings`` and the
/// process environment (credentials, region).
public struct AWSBackend: Sendable {
    public let region: String
    public let jobStore: any JobStore
    public let newJobs: SQSJobQueue
    public let stateChanges: SQSJobQueue
    /// nil when the settings have no launch template.
    public let fleet: EC2Fleet?
    /// EC2, for a worker's TerminateInstances on itself (built even without a launch template).
    public let ec2: AWSServiceClient

    /// Everything that stopped the backend from starting, one line each.
    public struct StartupError: Error, Sendable, Equatable, CustomStringConvertible {
        public let problems: [AWSPreflight.Problem]
        public var description: String {
            "the AWS backend cannot start:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
        }
    }

    /// Resolves the region and credentials, checks that the queues, the
    /// table (or domain) and the fleet are reachable, and opens them. Every
    /// problem found is reported at once, not only the first.
    public static func connect(settings: AWSBackendSettings, environment: [String: String],
                               transport: AWSHTTPTransport = AWSHTTPTransport()) async throws(StartupError) -> AWSBackend {
        let connection = try await AWSConnection.open(settings: settings, environment: environment, transport: transport)
        let region = connection.region
        func fail(_ resource: String, _ error: AWSError) -> StartupError { AWSConnection.failure(resource, error) }
        func service(_ name: String) throws(StartupError) -> AWSServiceClient { try connection.service(name) }

        let sqs = SQSClient(client: try service("sqs"))
        let ec2 = try service("ec2")
        let fleet = settings.launch.map { template in
            EC2Fleet(client: ec2, fleetName: settings.fleetName, template: template)
        }
        var problems: [AWSPreflight.Problem] = []
        let jobStore: any JobStore
        switch settings.jobStore {
        case .dynamodb:
            let dynamo = DynamoDBClient(client: try service("dynamodb"))
            problems += await AWSPreflight(sqs: sqs, queueNames: [settings.newJobsQueue, settings.stateChangesQueue],
                                           dynamo: dynamo, tableName: settings.jobTable, fleet: fleet).run()
            jobStore = DynamoDBJobStore(dynamo: dynamo, table: settings.jobTable)
        case .simpledb:
            problems += await AWSPreflight(sqs: sqs, queueNames: [settings.newJobsQueue, settings.stateChangesQueue],
                                           fleet: fleet).run()
            let sdb: SimpleDBClient
            do { sdb = try connection.simpleDB() } catch { throw StartupError(problems: problems + error.problems) }
            let store = SimpleDBJobStore(sdb: sdb, domain: settings.jobTable)
            do { _ = try await sdb.getAttributes(domain: settings.jobTable, item: "nommer-preflight", consistentRead: false) } catch {
                problems.append(AWSPreflight.problem("simpledb domain \(settings.jobTable)", error,
                                                     missing: "the domain does not exist"))
            }
            jobStore = store
        }
        guard problems.isEmpty else { throw StartupError(problems: problems) }
        do {
            let newJobs = try await SQSJobQueue.open(sqs: sqs, name: settings.newJobsQueue)
            let stateChanges = try await SQSJobQueue.open(sqs: sqs, name: settings.stateChangesQueue)
            return AWSBackend(region: region, jobStore: jobStore, newJobs: newJobs, stateChanges: stateChanges, fleet: fleet,
                              ec2: ec2)
        } catch { throw fail("sqs queues", error) }
    }
}
