import NommerCore

extension ScenarioDecoder {
    func workload(_ node: ConfigNode) throws(ScenarioError) -> WorkloadSpec {
        let reader = try MappingReader(node, path: "workload", allowed: ScenarioSchema.workload, context: context)
        var spec = WorkloadSpec()
        if let node = reader["arrivals"] { spec.arrivals = try arrivals(node, path: reader.keyPath("arrivals")) }
        if let node = reader["download_seconds"] {
            spec.downloadSeconds = try distribution(node, path: reader.keyPath("download_seconds"))
        }
        if let node = reader["encode_seconds"] {
            spec.encodeSeconds = try distribution(node, path: reader.keyPath("encode_seconds"))
        }
        if let node = reader["upload_seconds"] {
            spec.uploadSeconds = try distribution(node, path: reader.keyPath("upload_seconds"))
        }
        if let value = try reader.number("error_probability", .probability) { spec.errorProbability = value }
        if let value = try reader.number("hang_probability", .probability) { spec.hangProbability = value }
        return spec
    }

    /// `{process: poisson | diurnal | hourly | bursts | renewal, ...}`.
    func arrivals(_ node: ConfigNode, path: String) throws(ScenarioError) -> ArrivalSpec {
        let (process, reader) = try MappingReader.variant(
            node, path: path, selector: "process", variants: ScenarioSchema.arrivals, context: context
        ) { _, owners in owners.first.map { "accepted by process '\($0)'" } }
        switch process {
        case "poisson":
            return .poisson(ratePerHour: try reader.requiredNumber("rate_per_hour", .positive))
        case "diurnal":
            return .diurnal(meanRatePerHour: try reader.requiredNumber("mean_rate_per_hour", .positive),
                            amplitude: try reader.requiredNumber("amplitude", .probability),
                            peakHour: try reader.requiredNumber("peak_hour", .hourOfDay))
        case "hourly":
            return .hourly(ratesPerHour: try hourlyRates(try reader.required("rates_per_hour"),
                                                         path: reader.keyPath("rates_per_hour")))
        case "renewal":
            let node = try reader.required("gap_seconds")
            let path = reader.keyPath("gap_seconds")
            let gap = try distribution(node, path: path)
            guard gap.mean > 0, gap.mean.isFinite else {
                throw context.error(.outOfRange(requirement: "a finite mean gap > 0", got: "\(gap.mean)"), path: path,
                                    at: node.origin)
            }
            return .renewal(gapSeconds: gap)
        default:
            let base = try reader.requiredNumber("base_rate_per_hour", .nonNegative)
            let listNode = try reader.required("bursts")
            let listPath = reader.keyPath("bursts")
            guard case let .sequence(items) = listNode.value else {
                throw context.wrongType("a list", listNode, path: listPath)
            }
            var bursts: [ArrivalSpec.Burst] = []
            for (index, item) in items.enumerated() {
                bursts.append(try burst(item, path: "\(listPath)[\(index)]"))
            }
            if base == 0 && bursts.isEmpty {
                throw context.error(.outOfRange(requirement: "> 0 when there are no bursts", got: "0"),
                                    path: reader.keyPath("base_rate_per_hour"), at: listNode.origin)
            }
            return .bursts(baseRatePerHour: base, bursts: bursts)
        }
    }

    /// `rates_per_hour`: a list of 24 numbers >= 0, one per hour of day, at least one > 0.
    private func hourlyRates(_ node: ConfigNode, path: String) throws(ScenarioError) -> [Double] {
        guard case let .sequence(items) = node.value else {
            throw context.wrongType("a list of 24 numbers", node, path: path)
        }
        guard items.count == 24 else {
            throw context.error(.outOfRange(requirement: "24 rates, one per hour of day", got: "\(items.count)"),
                                path: path, at: node.origin)
        }
        var rates: [Double] = []
        for (hour, item) in items.enumerated() {
            rates.append(try context.number(item, path: "\(path)[\(hour)]", .nonNegative))
        }
        guard rates.contains(where: { $0 > 0 }) else {
            throw context.error(.outOfRange(requirement: "at least one rate > 0", got: "all 0"), path: path, at: node.origin)
        }
        return rates
    }

    private func burst(_ node: ConfigNode, path: String) throws(ScenarioError) -> ArrivalSpec.Burst {
        let reader = try MappingReader(node, path: path, allowed: ScenarioSchema.burst, context: context)
        return ArrivalSpec.Burst(
            atHour: try reader.requiredNumber("at_hour", .nonNegative),
            durationMinutes: try reader.requiredNumber("duration_minutes", .positive),
            ratePerHour: try reader.requiredNumber("rate_per_hour", .positive),
            everyHours: try reader.number("every_hours", .nonNegative) ?? 0)
    }

    /// A plain number (a constant, >= 0) or `{distribution: name, ...}`.
    func distribution(_ node: ConfigNode, path: String) throws(ScenarioError) -> DistributionSpec {
        if case .scalar = node.value, !node.isNull {
            return .constant(value: try context.number(node, path: path, .nonNegative))
        }
        guard case .mapping = node.value else {
            throw context.wrongType("a number or a mapping", node, path: path)
        }
        let (name, reader) = try MappingReader.variant(
            node, path: path, selector: "distribution", variants: ScenarioSchema.distributions, context: context
        ) { _, owners in owners.isEmpty ? nil : "accepted by distribution " + owners.joined(separator: ", ") }
        switch name {
        case "constant":
            return .constant(value: try reader.requiredNumber("value", .nonNegative))
        case "exponential":
            return .exponential(mean: try reader.requiredNumber("mean", .positive))
        case "lognormal":
            return .lognormal(median: try reader.requiredNumber("median", .positive),
                              sigma: try reader.requiredNumber("sigma", .nonNegative))
        case "gamma":
            return .gamma(shape: try reader.requiredNumber("shape", .positive),
                          scale: try reader.requiredNumber("scale", .positive))
        default:
            return .weibull(shape: try reader.requiredNumber("shape", .positive),
                            scale: try reader.requiredNumber("scale", .positive))
        }
    }
}
