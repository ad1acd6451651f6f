import NommerCore

/// The fleet, the simulated AWS services, and the feeder's and worker's settings.
extension ScenarioDecoder {
    func fleet(_ node: ConfigNode) throws(ScenarioError) -> FleetSpec {
        let reader = try MappingReader(node, path: "fleet", allowed: ScenarioSchema.fleet, context: context)
        var spec = FleetSpec()
        if let node = reader["boot_seconds"] {
            spec.bootSeconds = try distribution(node, path: reader.keyPath("boot_seconds"))
        }
        if let value = try reader.integer("max_instances", .instanceCount) { spec.maxInstances = value }
        if let node = reader["instance_quota"] {
            spec.instanceQuota = node.isNull
                ? nil : try context.integer(node, path: reader.keyPath("instance_quota"), .instanceCount)
        }
        if let node = reader["billing"] { spec.billing = try billing(node) }
        if let node = reader["mean_hours_between_failures"] {
            spec.meanHoursBetweenFailures = node.isNull
                ? nil : try context.number(node, path: reader.keyPath("mean_hours_between_failures"), .positive)
        }
        return spec
    }

    private func billing(_ node: ConfigNode) throws(ScenarioError) -> BillingSpec {
        let reader = try MappingReader(node, path: "fleet.billing", allowed: ScenarioSchema.billing, context: context)
        var spec = BillingSpec()
        if let node = reader["model"] {
            let models = BillingSpec.Model.allCases.map(\.rawValue)
            let choice = try context.choice(node, path: reader.keyPath("model"), models)
            spec.model = BillingSpec.Model(rawValue: choice) ?? spec.model
        }
        if let value = try reader.number("price_per_hour", .pricePerHour) { spec.pricePerHour = value }
        return spec
    }

    func queue(_ node: ConfigNode) throws(ScenarioError) -> QueueSpec {
        let reader = try MappingReader(node, path: "queue", allowed: ScenarioSchema.queue, context: context)
        var spec = QueueSpec()
        if let value = try reader.number("duplicate_probability", .duplicateProbability) { spec.duplicateProbability = value }
        return spec
    }

    func store(_ node: ConfigNode) throws(ScenarioError) -> StoreSpec {
        let reader = try MappingReader(node, path: "store", allowed: ScenarioSchema.store, context: context)
        var spec = StoreSpec()
        if let value = try reader.number("eventual_consistency_seconds", .nonNegative) {
            spec.eventualConsistencySeconds = value
        }
        if let value = try reader.bool("consistent_reads") { spec.consistentReads = value }
        if let value = try reader.number("finished_retention_seconds", .nonNegative) {
            spec.finishedRetentionSeconds = value
        }
        return spec
    }

    func feeder(_ node: ConfigNode) throws(ScenarioError) -> FeederSettings {
        let reader = try MappingReader(node, path: "feeder", allowed: ScenarioSchema.feeder, context: context)
        var settings = FeederSettings()
        if let value = try reader.number("state_check_interval_seconds", .timerInterval) {
            settings.stateCheckIntervalSeconds = value
        }
        if let value = try reader.number("spawn_interval_seconds", .timerInterval) { settings.spawnIntervalSeconds = value }
        if let value = try reader.number("prune_interval_seconds", .timerInterval) { settings.pruneIntervalSeconds = value }
        if let value = try reader.number("abandon_after_seconds", .positive) { settings.abandonAfterSeconds = value }
        if let node = reader["state_changes_per_check"] {
            let path = reader.keyPath("state_changes_per_check")
            if case let .scalar(scalar) = node.value, scalar.string == "drain" {
                settings.stateChangesPerCheck = nil
            } else if case .scalar = node.value, (try? context.number(node, path: path)) != nil {
                settings.stateChangesPerCheck = try context.integer(node, path: path, .batchCount)
            } else {
                throw context.wrongType("an integer or 'drain'", node, path: path)
            }
        }
        if let value = try reader.number("completion_window_seconds", .positive) {
            settings.completionWindowSeconds = value
        }
        return settings
    }

    func worker(_ node: ConfigNode) throws(ScenarioError) -> WorkerSettings {
        let reader = try MappingReader(node, path: "worker", allowed: ScenarioSchema.worker, context: context)
        var settings = WorkerSettings()
        if let value = try reader.integer("jobs_per_instance", .jobsPerInstance) { settings.jobsPerInstance = value }
        if let value = try reader.number("poll_interval_seconds", .timerInterval) { settings.pollIntervalSeconds = value }
        if let value = try reader.bool("long_poll") { settings.longPoll = value }
        if let value = try reader.number("heartbeat_interval_seconds", .timerInterval) {
            settings.heartbeatIntervalSeconds = value
        }
        if let value = try reader.bool("heartbeat_refreshes_job") { settings.heartbeatRefreshesJob = value }
        if let value = try reader.number("heartbeat_write_after_seconds", .nonNegative) {
            settings.heartbeatWriteAfterSeconds = value
        }
        if let value = try reader.bool("delete_on_receive") { settings.deleteOnReceive = value }
        if let value = try reader.number("idle_shutdown_seconds", .timerIntervalOrOff) { settings.idleShutdownSeconds = value }
        if let value = try reader.number("visibility_timeout_seconds", .visibilityTimeout) {
            settings.visibilityTimeoutSeconds = value
        }
        if let value = try reader.number("takeover_after_seconds", .positive) { settings.takeoverAfterSeconds = value }
        return settings
    }
}
