import NommerConfig
import Testing

/// The error parsing `yaml` as `x.yaml` throws, or nil.
func failure(_ yaml: String, overrides: [String] = []) -> ScenarioError? {
    do {
        _ = try ScenarioLoader.parse(yaml: yaml, file: "x.yaml", overrides: overrides)
        return nil
    } catch {
        return error
    }
}

@Suite struct ErrorTests {
    @Test func unknownKeyNamesItsLineAndTheAllowedKeys() throws {
        let yaml = """
        name: x
        fleet:
          max_instances: 3
          max_instance: 4
        """
        let error = try #require(failure(yaml))
        #expect(error.keyPath == "fleet.max_instance")
        #expect(error.line == 4)
        #expect(error.column == 3)
        guard case let .unknownKey(key, allowed, _) = error.kind else { Issue.record("\(error)"); return }
        #expect(key == "max_instance")
        #expect(allowed.contains("max_instances"))
        #expect(error.description.hasPrefix("x.yaml:4:3: fleet.max_instance: unknown key 'max_instance'"))
        #expect(error.description.contains("allowed keys: boot_seconds, max_instances"))
    }

    @Test func aDeviceOrPipeReadsAndAMissingFileIsNamed() throws {
        #expect(try ScenarioLoader.text(path: "/dev/null") == "")
        #expect(throws: ScenarioError(kind: .unreadableFile(reason: "no such file"), file: "/nonexistent/x.yaml")) {
            try ScenarioLoader.text(path: "/nonexistent/x.yaml")
        }
    }

    @Test func unknownTopLevelKey() throws {
        let error = try #require(failure("name: x\n\nwokload: {}\n"))
        #expect(error.keyPath == "wokload")
        #expect(error.line == 3)
    }

    @Test func anotherPolicysKeyNamesThatPolicy() throws {
        let error = try #require(failure("policy:\n  name: classic\n  instances: 4\n"))
        #expect(error.line == 3)
        #expect(error.keyPath == "policy.instances")
        #expect(error.description.contains("accepted by policy 'fixed'"))
    }

    @Test func negativeRate() throws {
        let yaml = """
        workload:
          arrivals:
            process: poisson
            rate_per_hour: -3
        """
        let error = try #require(failure(yaml))
        #expect(error.kind == .outOfRange(requirement: "> 0", got: "-3"))
        #expect(error.keyPath == "workload.arrivals.rate_per_hour")
        #expect(error.line == 4)
        #expect(error.description == "x.yaml:4:20: workload.arrivals.rate_per_hour: must be > 0, got -3")
    }

    @Test func probabilityAboveOne() throws {
        let error = try #require(failure("workload:\n  error_probability: 1.5\n"))
        #expect(error.kind == .outOfRange(requirement: "in [0, 1]", got: "1.5"))
        #expect(error.keyPath == "workload.error_probability")
        #expect(error.line == 2)
    }

    @Test func integerRequired() throws {
        let error = try #require(failure("fleet:\n  max_instances: 3.5\n"))
        #expect(error.kind == .wrongType(expected: "an integer", got: "3.5"))
        #expect(error.keyPath == "fleet.max_instances")
        #expect(error.line == 2)
    }

    @Test func numberRequired() throws {
        let error = try #require(failure("worker:\n  poll_interval_seconds: soon\n"))
        #expect(error.kind == .wrongType(expected: "a number", got: "soon"))
        #expect(error.line == 2)
    }

    @Test func boolRequired() throws {
        let error = try #require(failure("\nworker: {long_poll: 1}\n"))
        #expect(error.kind == .wrongType(expected: "a bool (true or false)", got: "1"))
        for yaml11 in ["yes", "off", "True"] {
            #expect(failure("worker: {long_poll: \(yaml11)}")?.kind == .wrongType(expected: "a bool (true or false)", got: yaml11))
        }
        #expect(error.keyPath == "worker.long_poll")
        #expect(error.line == 2)
    }

    @Test func mappingRequired() throws {
        let error = try #require(failure("fleet: 3\n"))
        #expect(error.kind == .wrongType(expected: "a mapping", got: "3"))
        #expect(error.keyPath == "fleet")
        #expect(error.line == 1)
    }

    @Test func nanAndInfinityRejected() throws {
        let nan = try #require(failure("max_drain_hours: .nan\n"))
        #expect(nan.kind == .outOfRange(requirement: "finite", got: ".nan"))
        let inf = try #require(failure("duration_hours: .inf\n"))
        #expect(inf.keyPath == "duration_hours")
    }

    @Test func durationAndJobsConflict() throws {
        let error = try #require(failure("name: x\nduration_hours: 24\njobs: 100\n"))
        #expect(error.kind == .conflictingKeys(["duration_hours", "jobs"]))
        #expect(error.line == 3)
        #expect(error.keyPath == "jobs")
    }

    @Test func missingRequiredKey() throws {
        let error = try #require(failure("policy:\n  name: fixed\n"))
        #expect(error.kind == .missingKey(key: "instances"))
        #expect(error.keyPath == "policy.instances")
        #expect(error.line == 2)
        let process = try #require(failure("workload:\n  arrivals: {rate_per_hour: 3}\n"))
        #expect(process.kind == .missingKey(key: "process"))
        #expect(process.keyPath == "workload.arrivals.process")
    }

    @Test func unknownVariant() throws {
        let error = try #require(failure("workload:\n  encode_seconds: {distribution: normal, mean: 3}\n"))
        #expect(error.keyPath == "workload.encode_seconds.distribution")
        #expect(error.description.contains("must be one of constant, exponential, lognormal, gamma, weibull, got normal"))
    }

    @Test func burstItemsArePathed() throws {
        let yaml = """
        workload:
          arrivals:
            process: bursts
            base_rate_per_hour: 0
            bursts:
              - {at_hour: 1, duration_minutes: 10, rate_per_hour: 100}
              - {at_hour: 2, duration_minutes: 0, rate_per_hour: 100}
        """
        let error = try #require(failure(yaml))
        #expect(error.keyPath == "workload.arrivals.bursts[1].duration_minutes")
        #expect(error.line == 7)
    }

    @Test func visibilityTimeoutCappedAtSQSMaximum() throws {
        let error = try #require(failure("worker: {visibility_timeout_seconds: 50000}"))
        #expect(error.kind == .outOfRange(requirement: "in [0.001, 43200] (1 ms to 12 h)", got: "50000"))
    }

    @Test func yamlSyntaxErrorHasYamsLine() throws {
        let yaml = """
        name: x
        fleet:
          max_instances: [3
        worker: {}
        """
        let error = try #require(failure(yaml))
        guard case .syntax = error.kind else { Issue.record("\(error)"); return }
        #expect(error.line != nil)
        #expect(error.description.hasPrefix("x.yaml:\(error.line!):"))
    }

    @Test func duplicateKeyIsASyntaxError() throws {
        let error = try #require(failure("seed: 1\nseed: 2\n"))
        guard case .syntax = error.kind else { Issue.record("\(error)"); return }
        #expect(error.description.contains("duplicate key 'seed'"))
    }
}

@Suite struct RenewalArrivalTests {
    @Test func renewalTakesAGapDistribution() throws {
        let scenario = try ScenarioLoader.parse(yaml: """
            workload:
              arrivals:
                process: renewal
                gap_seconds: {distribution: gamma, shape: 2, scale: 30}
            """, file: "x.yaml")
        #expect(scenario.workload.arrivals == .renewal(gapSeconds: .gamma(shape: 2, scale: 30)))
        #expect(scenario.workload.arrivals.ratePerHour(at: 0) == 60)
    }

    @Test func renewalRefusesAZeroGapAndOtherProcessesKeys() throws {
        let zero = try #require(failure("workload:\n  arrivals:\n    process: renewal\n    gap_seconds: 0\n"))
        #expect(zero.keyPath == "workload.arrivals.gap_seconds")
        #expect(zero.line == 4)
        let missing = try #require(failure("workload:\n  arrivals:\n    process: renewal\n    rate_per_hour: 5\n"))
        #expect(missing.keyPath == "workload.arrivals.rate_per_hour")
    }
}

@Suite struct HourlyArrivalTests {
    static let twoPeaks = [0, 0, 0, 0, 0, 0, 0, 5, 60, 40, 10, 10, 20, 10, 10, 10, 20, 50, 80, 30, 10, 0, 0, 0.5]

    @Test func hourlyTakesTwentyFourRatesAndGivesEachHourItsOwn() throws {
        let list = Self.twoPeaks.map { "\($0)" }.joined(separator: ", ")
        let scenario = try ScenarioLoader.parse(yaml: """
            workload:
              arrivals:
                process: hourly
                rates_per_hour: [\(list)]
            """, file: "x.yaml")
        #expect(scenario.workload.arrivals == .hourly(ratesPerHour: Self.twoPeaks))
        let arrivals = scenario.workload.arrivals
        #expect(arrivals.name == "hourly")
        #expect(arrivals.maximumRatePerHour == 80)
        #expect(arrivals.ratePerHour(at: 0) == 0)
        #expect(arrivals.ratePerHour(at: 8 * 3600) == 60)
        #expect(arrivals.ratePerHour(at: 18 * 3600 + 3599) == 80)
        #expect(arrivals.ratePerHour(at: 23.5 * 3600) == 0.5)
        #expect(arrivals.ratePerHour(at: 24 * 3600 + 8.5 * 3600) == 60) // the next day repeats
    }

    @Test("a list of another length, a negative rate, all zeros or no list is refused, naming the key and line",
          arguments: [
              ("[1, 2, 3]", "workload.arrivals.rates_per_hour", "24 rates"),
              ("[" + Array(repeating: "1", count: 23).joined(separator: ", ") + ", -1]",
               "workload.arrivals.rates_per_hour[23]", ">= 0"),
              ("[" + Array(repeating: "0", count: 24).joined(separator: ", ") + "]",
               "workload.arrivals.rates_per_hour", "at least one rate > 0"),
              ("12", "workload.arrivals.rates_per_hour", "a list of 24 numbers"),
          ])
    func hourlyRefusesBadRates(_ value: String, _ keyPath: String, _ message: String) throws {
        let error = try #require(failure("workload:\n  arrivals:\n    process: hourly\n    rates_per_hour: \(value)\n"))
        #expect(error.keyPath == keyPath)
        #expect(error.line == 4)
        #expect(error.description.contains(message))
    }
}

@Suite struct TimerIntervalTests {
    @Test("a timer interval under 1 ms is refused (it would hold the simulated clock still); 0 switches optional timers off",
          arguments: [
              "feeder.state_check_interval_seconds", "feeder.spawn_interval_seconds", "feeder.prune_interval_seconds",
              "worker.poll_interval_seconds", "worker.heartbeat_interval_seconds", "worker.idle_shutdown_seconds",
              "statistics.sample_interval_seconds",
          ])
    func tinyIntervalsAreRefused(_ key: String) throws {
        let error = try #require(failure("name: x\n", overrides: ["\(key)=1e-300"]))
        #expect(error.keyPath == key)
        #expect(error.description.contains(">= 0.001 (1 ms)"), "\(error)")
        #expect(failure("name: x\n", overrides: ["\(key)=0.001"]) == nil)
        let zero = failure("name: x\n", overrides: ["\(key)=0"])
        let optional = key.hasSuffix("idle_shutdown_seconds") || key.hasSuffix("sample_interval_seconds")
        #expect((zero == nil) == optional, "\(key)=0: \(String(describing: zero))")
    }
}

@Suite struct SimulatedTimeLimitTests {
    @Test("more than 1000 years of simulated time is refused, naming the key", arguments: [
        ("duration_hours=1e300", "duration_hours", "(1000 years)"),
        ("max_drain_hours=1e12", "max_drain_hours", "(1000 years)"),
        ("jobs=1000000000", "jobs", "reached within 1000 years of simulated time (the arrivals average 60.0 jobs/hour)"),
    ])
    func tooLong(_ override: String, _ keyPath: String, _ message: String) throws {
        let yaml = "name: x\nworkload:\n  arrivals:\n    process: poisson\n    rate_per_hour: 60\n"
        let error = try #require(failure(yaml, overrides: [override]))
        #expect(error.keyPath == keyPath)
        #expect(error.description.contains(message), "\(error)")
    }

    @Test("a rate so low that the jobs never arrive is refused; bursts that end are not held to it")
    func rateTooLow() throws {
        let slow = try #require(failure("jobs: 10\nworkload:\n  arrivals:\n    process: poisson\n    rate_per_hour: 1e-300\n"))
        #expect(slow.keyPath == "jobs")
        #expect(slow.line == 1)
        #expect(failure("""
            jobs: 1000
            workload:
              arrivals:
                process: bursts
                base_rate_per_hour: 0
                bursts: [{at_hour: 1, duration_minutes: 60, rate_per_hour: 10}]
            """) == nil)
        // The long-run rate counts what repeating bursts add on average.
        let bursts = ArrivalSpec.bursts(baseRatePerHour: 2, bursts: [
            .init(atHour: 0, durationMinutes: 60, ratePerHour: 26, everyHours: 24),
            .init(atHour: 5, durationMinutes: 30, ratePerHour: 100),
        ])
        #expect(bursts.longRunRatePerHour == 3)
        #expect(ArrivalSpec.hourly(ratesPerHour: Array(repeating: 0, count: 23) + [48]).longRunRatePerHour == 2)
    }
}

@Suite struct HeartbeatWriteTests {
    @Test func writeAfterIsReadAndChecksTheTakeoverAndAbandonThresholds() throws {
        let scenario = try ScenarioLoader.parse(yaml: "worker:\n  heartbeat_write_after_seconds: 100\n", file: "x.yaml")
        #expect(scenario.worker.heartbeatWriteAfterSeconds == 100)
        #expect(try ScenarioLoader.parse(yaml: "name: x\n", file: "x.yaml").worker.heartbeatWriteAfterSeconds == 0)
        // 120 + a 60 s heartbeat reaches the 180 s takeover threshold: a live worker's job would look lost.
        let late = try #require(failure("worker:\n  heartbeat_write_after_seconds: 120\n"))
        #expect(late.keyPath == "worker.heartbeat_write_after_seconds")
        #expect(late.line == 2)
        #expect(late.description.contains("must be < 120.0"), "\(late)")
        // The abandon threshold bounds it too.
        let abandon = try #require(failure(
            "worker:\n  heartbeat_write_after_seconds: 100\n  takeover_after_seconds: 5000\nfeeder:\n  abandon_after_seconds: 150\n"))
        #expect(abandon.description.contains("must be < 90.0"), "\(abandon)")
    }
}
