/// The `aws` section: the AWS backend's settings.
extension ScenarioDecoder {
    func aws(_ node: ConfigNode) throws(ScenarioError) -> AWSSpec {
        let reader = try MappingReader(node, path: "aws", allowed: ScenarioSchema.aws, context: context)
        var spec = AWSSpec()
        if let value = try reader.string("region") { spec.region = value }
        if let value = try reader.string("endpoint_url") { spec.endpointURL = value }
        if let value = try reader.string("new_jobs_queue") { spec.newJobsQueue = value }
        if let value = try reader.string("state_changes_queue") { spec.stateChangesQueue = value }
        if let node = reader["job_store"] {
            let choice = try context.choice(node, path: reader.keyPath("job_store"), AWSSpec.JobStoreKind.allCases.map(\.rawValue))
            spec.jobStore = AWSSpec.JobStoreKind(rawValue: choice) ?? spec.jobStore
        }
        if let value = try reader.string("job_table") { spec.jobTable = value }
        if let value = try reader.string("fleet_name") { spec.fleetName = value }
        if let value = try reader.string("ami_id") { spec.amiID = value }
        if let value = try reader.string("instance_type") { spec.instanceType = value }
        if let value = try reader.string("subnet_id") { spec.subnetID = value }
        if let node = reader["security_group_ids"] {
            spec.securityGroupIDs = try strings(node, path: reader.keyPath("security_group_ids"))
        }
        if let value = try reader.string("instance_profile") { spec.instanceProfile = value }
        if let value = try reader.string("user_data") { spec.userData = value }
        if let value = try reader.string("metadata_url") { spec.metadataURL = value }
        if let value = try reader.integer("retry_max_attempts", .integer(1, 100)) { spec.retryMaxAttempts = value }
        if let value = try reader.integer("request_timeout_seconds", .integer(1, 3600)) { spec.requestTimeoutSeconds = value }
        return spec
    }

    /// A list of strings; one string alone (as `--set` gives it) is a list of one.
    private func strings(_ node: ConfigNode, path: String) throws(ScenarioError) -> [String] {
        switch node.value {
        case let .sequence(items):
            var values: [String] = []
            for (index, item) in items.enumerated() {
                values.append(try context.string(item, path: "\(path)[\(index)]"))
            }
            return values
        case .scalar:
            return [try context.string(node, path: path)]
        case .mapping:
            throw context.wrongType("a list of strings", node, path: path)
        }
    }
}
