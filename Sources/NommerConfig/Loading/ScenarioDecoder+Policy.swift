import NommerCore

extension ScenarioDecoder {
    /// `{name: classic | backlog | hpa | fixed, ...}`; without `name`, classic.
    /// Another policy's keys are unknown keys, with a hint naming that policy.
    func policy(_ node: ConfigNode) throws(ScenarioError) -> PolicyConfiguration {
        let (name, reader) = try MappingReader.variant(
            node, path: "policy", selector: "name", variants: ScenarioSchema.policies, defaultName: "classic",
            context: context
        ) { name, owners in
            "for policy '\(name)'; accepted by policy " + owners.map { "'\($0)'" }.joined(separator: ", ")
        }
        switch name {
        case "classic":
            var parameters = ClassicPolicy.Parameters()
            if let value = try reader.integer("overflow_threshold", .jobCount) { parameters.overflowThreshold = value }
            if let value = try reader.bool("allow_overshoot") { parameters.allowOvershoot = value }
            return .classic(parameters)
        case "backlog":
            var parameters = BacklogPolicy.Parameters()
            if let value = try reader.number("acceptable_latency_seconds", .policySeconds) {
                parameters.acceptableLatencySeconds = value
            }
            if let value = try reader.number("mean_processing_seconds", .processingSeconds) {
                parameters.meanProcessingSeconds = value
            }
            if let value = try reader.bool("use_observed_processing_time") {
                parameters.useObservedProcessingTime = value
            }
            if let value = try reader.integer("min_instances", .instanceMinimum) { parameters.minInstances = value }
            if let value = try reader.bool("scale_in") { parameters.scaleIn = value }
            return .backlog(parameters)
        case "hpa":
            var parameters = HPAPolicy.Parameters()
            if let value = try reader.number("target_jobs_per_instance", .perInstanceTarget) {
                parameters.targetJobsPerInstance = value
            }
            if let value = try reader.number("tolerance", .nonNegative) { parameters.tolerance = value }
            if let value = try reader.number("scale_down_stabilization_seconds", .stabilizationWindow) {
                parameters.scaleDownStabilizationSeconds = value
            }
            if let value = try reader.integer("min_instances", .instanceMinimum) { parameters.minInstances = value }
            return .hpa(parameters)
        default:
            return .fixed(FixedPolicy.Parameters(instances: try reader.requiredInteger("instances", .instanceCount)))
        }
    }
}
