import Foundation

/// Creates what the AWS backend needs and does not find: the new-job and
/// state-change SQS queues, and the DynamoDB job table with its
/// `unfinished-index` (on-demand billing) or the SimpleDB domain. What
/// exists is left as it is, so running it again changes nothing. Instances
/// are not created here: feederd launches them.
public enum AWSResourceSetup {
    /// What was done for one resource.
    public struct Step: Sendable, Equatable, CustomStringConvertible {
        public enum Outcome: String, Sendable {
            case created
            case existed = "already exists"
        }

        /// `sqs queue nommer-new-jobs`, `dynamodb table nommer-jobs`, `simpledb domain nommer-jobs`.
        public let resource: String
        public let outcome: Outcome
        public var description: String { "\(resource): \(outcome.rawValue)" }
    }

    /// Ensures every resource of `settings` exists; `onStep` hears of each as
    /// it is done. A new DynamoDB table is waited for until it and its index
    /// are ACTIVE, for at most `tableReadySeconds`, asking every
    /// `pollSeconds`. Every failure is collected into one error.
    @discardableResult
    public static func run(settings: AWSBackendSettings, environment: [String: String],
                           transport: AWSHTTPTransport = AWSHTTPTransport(),
                           tableReadySeconds: Double = 300, pollSeconds: Double = 2,
                           onStep: @Sendable (Step) -> Void = { _ in }) async throws(AWSBackend.StartupError) -> [Step] {
        let connection = try await AWSConnection.open(settings: settings, environment: environment, transport: transport)
        var steps: [Step] = []
        var problems: [AWSPreflight.Problem] = []
        func done(_ step: Step) {
            steps.append(step)
            onStep(step)
        }

        let sqs = SQSClient(client: try connection.service("sqs"))
        for name in [settings.newJobsQueue, settings.stateChangesQueue] {
            let resource = "sqs queue \(name)"
            do {
                _ = try await sqs.queueURL(name: name)
                done(Step(resource: resource, outcome: .existed))
            } catch where isMissing(error) {
                do {
                    _ = try await sqs.createQueue(name: name)
                    done(Step(resource: resource, outcome: .created))
                } catch { problems.append(AWSPreflight.problem(resource, error, missing: "cannot be created")) }
            } catch { problems.append(AWSPreflight.problem(resource, error, missing: "not found")) }
        }

        switch settings.jobStore {
        case .dynamodb:
            let dynamo = DynamoDBClient(client: try connection.service("dynamodb"))
            let resource = "dynamodb table \(settings.jobTable)"
            do {
                _ = try await dynamo.isTableActive(name: settings.jobTable)
                done(Step(resource: resource, outcome: .existed))
            } catch where isMissing(error) {
                do {
                    try await dynamo.createJobTable(name: settings.jobTable, indexName: DynamoDBJobStore.defaultIndexName)
                    if try await waitUntilActive(dynamo, table: settings.jobTable, seconds: tableReadySeconds,
                                                 pollSeconds: pollSeconds) {
                        done(Step(resource: resource, outcome: .created))
                    } else {
                        problems.append(.init(resource: resource, code: "NotActive",
                                              message: "created, but not ACTIVE after \(Int(tableReadySeconds)) s: run again later"))
                    }
                } catch { problems.append(AWSPreflight.problem(resource, error, missing: "cannot be created")) }
            } catch { problems.append(AWSPreflight.problem(resource, error, missing: "not found")) }
        case .simpledb:
            let sdb = try connection.simpleDB()
            let resource = "simpledb domain \(settings.jobTable)"
            do {
                _ = try await sdb.getAttributes(domain: settings.jobTable, item: "nommer-preflight", consistentRead: false)
                done(Step(resource: resource, outcome: .existed))
            } catch where isMissing(error) {
                do {
                    try await sdb.createDomain(settings.jobTable)
                    done(Step(resource: resource, outcome: .created))
                } catch { problems.append(AWSPreflight.problem(resource, error, missing: "cannot be created")) }
            } catch { problems.append(AWSPreflight.problem(resource, error, missing: "not found")) }
        }
        guard problems.isEmpty else { throw AWSBackend.StartupError(problems: problems) }
        return steps
    }

    private static func isMissing(_ error: AWSError) -> Bool {
        if case let .service(serviceError) = error { return AWSPreflight.missingCodes.contains(serviceError.code) }
        return false
    }

    /// Polls DescribeTable until the table and its indexes are ACTIVE (true)
    /// or `seconds` pass (false).
    private static func waitUntilActive(_ dynamo: DynamoDBClient, table: String, seconds: Double,
                                        pollSeconds: Double) async throws(AWSError) -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .milliseconds(Int64(seconds * 1000)))
        while true {
            if try await dynamo.isTableActive(name: table) { return true }
            guard clock.now < deadline else { return false }
            try? await Task.sleep(for: .milliseconds(Int64(pollSeconds * 1000)))
        }
    }
}
