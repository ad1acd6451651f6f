import NommerConfig
import NommerCore
import Testing

@Suite struct OverrideTests {
    @Test func setChangesAValue() throws {
        let scenario = try ScenarioLoader.load(path: scenarioPath("baseline.yaml"),
                                               overrides: ["fleet.max_instances=10", "workload.arrivals.rate_per_hour=35.5"])
        #expect(scenario.fleet.maxInstances == 10)
        #expect(scenario.workload.arrivals == .poisson(ratePerHour: 35.5))
        #expect(scenario.worker.jobsPerInstance == 2)
    }

    @Test func setCreatesMissingSections() throws {
        let scenario = try ScenarioLoader.parse(yaml: "name: x", file: "x.yaml",
                                                overrides: ["store.eventual_consistency_seconds=2", "worker.long_poll=true"])
        #expect(scenario.store.eventualConsistencySeconds == 2)
        #expect(scenario.worker.longPoll)
    }

    @Test func setSwitchesThePolicy() throws {
        let scenario = try ScenarioLoader.load(path: scenarioPath("baseline.yaml"),
                                               overrides: ["policy.name=fixed", "policy.instances=4", "fleet.max_instances=4"])
        #expect(scenario.policy == .fixed(FixedPolicy.Parameters(instances: 4)))
    }

    @Test func setSwitchesADistributionAndTheHorizon() throws {
        let scenario = try ScenarioLoader.load(path: scenarioPath("baseline.yaml"), overrides: [
            "workload.encode_seconds.distribution=exponential", "workload.encode_seconds.mean=200", "jobs=1000",
        ])
        #expect(scenario.workload.encodeSeconds == .exponential(mean: 200))
        #expect(scenario.horizon == .jobs(1000))
    }

    @Test func setOnAPathNotInTheSchemaIsRefused() throws {
        // The file has no such key; the schema has none either.
        let error = try #require(failure("name: x", overrides: ["fleet.max_instnces=4"]))
        #expect(error.isFromOverride)
        #expect(error.override == "fleet.max_instnces=4")
        #expect(error.keyPath == "fleet.max_instnces")
        #expect(error.line == nil)
        guard case .unknownKey = error.kind else { Issue.record("\(error)"); return }
        #expect(error.description.hasPrefix("x.yaml: --set fleet.max_instnces=4: fleet.max_instnces: unknown key"))
    }

    @Test func setOfAnotherPolicysKeyIsRefused() throws {
        let error = try #require(failure("policy: {name: classic}", overrides: ["policy.instances=4"]))
        #expect(error.isFromOverride)
        #expect(error.description.contains("accepted by policy 'fixed'"))
    }

    @Test func setWithTheWrongTypeIsRefused() throws {
        let error = try #require(failure("fleet:\n  max_instances: 3\n", overrides: ["fleet.max_instances=many"]))
        #expect(error.kind == .wrongType(expected: "an integer", got: "many"))
        #expect(error.override == "fleet.max_instances=many")
        #expect(error.line == nil)
        #expect(error.description == "x.yaml: --set fleet.max_instances=many: fleet.max_instances: expected an integer, got many")
    }

    @Test func setOutOfRangeNamesTheOverride() throws {
        let error = try #require(failure("", overrides: ["workload.hang_probability=2"]))
        #expect(error.kind == .outOfRange(requirement: "in [0, 1]", got: "2"))
        #expect(error.isFromOverride)
    }

    @Test func malformedSet() throws {
        let noEquals = try #require(failure("", overrides: ["fleet.max_instances"]))
        #expect(noEquals.kind == .badOverride(reason: "expected path=value"))
        let emptySegment = try #require(failure("", overrides: ["fleet..max_instances=3"]))
        guard case .badOverride = emptySegment.kind else { Issue.record("\(emptySegment)"); return }
    }

    @Test func fileErrorsStillNameTheFileLine() throws {
        let error = try #require(failure("seed: -1\n", overrides: ["fleet.max_instances=4"]))
        #expect(error.line == 1)
        #expect(!error.isFromOverride)
    }
}

@Suite struct IndexedOverrideTests {
    @Test func setAddressesOneItemOfAList() throws {
        let scenario = try ScenarioLoader.load(path: scenarioPath("burst.yaml"),
                                               overrides: ["workload.arrivals.bursts[0].rate_per_hour=999"])
        let file = try ScenarioLoader.load(path: scenarioPath("burst.yaml"))
        guard case let .bursts(base, bursts) = scenario.workload.arrivals,
              case let .bursts(fileBase, fileBursts) = file.workload.arrivals else {
            Issue.record("not bursts: \(scenario.workload.arrivals)"); return
        }
        #expect(base == fileBase)
        #expect(bursts.count == fileBursts.count)
        #expect(bursts[0].ratePerHour == 999)
        #expect(bursts[0].atHour == fileBursts[0].atHour)
        #expect(Array(bursts.dropFirst()) == Array(fileBursts.dropFirst()))
    }

    @Test func setReplacesOneNumberOfAList() throws {
        let rates = (0..<24).map { "\($0)" }.joined(separator: ", ")
        let scenario = try ScenarioLoader.parse(
            yaml: "workload:\n  arrivals:\n    process: hourly\n    rates_per_hour: [\(rates)]\n", file: "x.yaml",
            overrides: ["workload.arrivals.rates_per_hour[23]=100"])
        guard case let .hourly(values) = scenario.workload.arrivals else { Issue.record("not hourly"); return }
        #expect(values == (0..<23).map(Double.init) + [100])
    }

    @Test("an index past the list, into a key that is no list, or malformed is refused, naming the override",
          arguments: [
              ("workload.arrivals.bursts[9].rate_per_hour=1", "workload.arrivals.bursts", "has 2 items, no item 9"),
              ("fleet.max_instances[0]=1", "fleet.max_instances", "is not a list in the file"),
              ("workload.arrivals.bursts[-1].at_hour=1", "workload.arrivals.bursts[-1].at_hour", "is not a key or key[index]"),
              ("workload.arrivals.bursts[0.at_hour=1", "workload.arrivals.bursts[0.at_hour", "is not a key or key[index]"),
              ("workload.arrivals.bursts[0].rate_per_hour=-1", "workload.arrivals.bursts[0].rate_per_hour", "must be > 0"),
          ])
    func badIndexedSet(_ override: String, _ keyPath: String, _ message: String) throws {
        do {
            _ = try ScenarioLoader.load(path: scenarioPath("burst.yaml"), overrides: [override])
            Issue.record("accepted \(override)")
        } catch {
            #expect(error.keyPath == keyPath)
            #expect(error.description.contains(message), "\(error)")
            #expect(error.description.contains("--set \(override)"), "\(error)")
        }
    }
}
