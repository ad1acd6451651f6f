import NommerConfig
import Testing

/// Only decimal numbers: YAML 1.1's base-60, hex, octal, binary and
/// underscore forms would silently turn a typo into a number.
@Suite struct NumberFormTests {
    @Test("an integer key refuses YAML 1.1's other forms, naming the file, line, column, key and text",
          arguments: ["1:30", "0x10", "010", "0o10", "0b10", "1_000", "+0x10"])
    func integerForms(_ text: String) throws {
        let error = try #require(failure("name: x\nfleet:\n  max_instances: \(text)\n"))
        #expect(error.kind == .wrongType(expected: "a decimal integer", got: text))
        #expect(error.description == "x.yaml:3:18: fleet.max_instances: expected a decimal integer, got \(text)")
    }

    @Test("a number key refuses them too, as does a float in base 60",
          arguments: ["1:30", "1:30.5", "0x10", "010", "1_000.5", "00.5"])
    func numberForms(_ text: String) throws {
        let error = try #require(failure("workload:\n  arrivals:\n    process: poisson\n    rate_per_hour: \(text)\n"))
        #expect(error.description == "x.yaml:4:20: workload.arrivals.rate_per_hour: expected a decimal number, got \(text)")
    }

    @Test("--set is checked alike: duration_hours=1:00 is not 60 hours, a mistyped range is not 223263")
    func overrideForms() throws {
        let hours = try #require(failure("name: x\n", overrides: ["duration_hours=1:00"]))
        #expect(hours.description == "x.yaml: --set duration_hours=1:00: duration_hours: expected a decimal number, got 1:00")
        let poisson = "workload:\n  arrivals: {process: poisson, rate_per_hour: 10}\n"
        let range = try #require(failure(poisson, overrides: ["workload.arrivals.rate_per_hour=1:2:1:3"]))
        #expect(range.description
            == "x.yaml: --set workload.arrivals.rate_per_hour=1:2:1:3: workload.arrivals.rate_per_hour: expected a decimal number, got 1:2:1:3")
        let octal = try #require(failure("name: x\n", overrides: ["worker.jobs_per_instance=010"]))
        #expect(octal.kind == .wrongType(expected: "a decimal integer", got: "010"))
    }

    @Test("decimal forms are numbers", arguments: [
        ("1e3", 1000.0), ("1E3", 1000), ("0.5", 0.5), (".5", 0.5), ("5.", 5), ("+3", 3), ("2.5e-4", 0.00025), ("0", 0), ("120", 120),
    ])
    func decimalForms(_ text: String, _ value: Double) throws {
        let scenario = try ScenarioLoader.parse(yaml: "store:\n  eventual_consistency_seconds: \(text)\n", file: "x.yaml")
        #expect(scenario.store.eventualConsistencySeconds == value)
    }

    @Test("a negative number is read and then checked against the range")
    func negative() throws {
        let error = try #require(failure("workload:\n  error_probability: -2\n"))
        #expect(error.kind == .outOfRange(requirement: "in [0, 1]", got: "-2"))
        #expect(try ScenarioLoader.parse(yaml: "fleet:\n  max_instances: +4\n", file: "x.yaml").fleet.maxInstances == 4)
    }

    @Test(".inf and .nan are still refused as not finite, strings still refused as not numbers")
    func specialValues() throws {
        #expect(failure("max_drain_hours: .inf\n")?.kind == .outOfRange(requirement: "finite", got: ".inf"))
        #expect(failure("max_drain_hours: -.inf\n")?.kind == .outOfRange(requirement: "finite", got: "-.inf"))
        #expect(failure("max_drain_hours: soon\n")?.kind == .wrongType(expected: "a number", got: "soon"))
        #expect(failure("fleet: {max_instances: '4'}\n")?.kind == .wrongType(expected: "an integer", got: "4"))
        #expect(failure("fleet: {max_instances: 1e3}\n")?.kind == .wrongType(expected: "an integer", got: "1e3"))
    }
}

@Suite struct IntegerRangeTests {
    @Test("a seed may be any UInt64, as the sweep writes them in runs.seed", arguments: [
        "18446744073709551615", "10451216379200822465", "0",
    ])
    func seedTakesUInt64(_ text: String) throws {
        let fromFile = try ScenarioLoader.parse(yaml: "seed: \(text)\n", file: "x.yaml")
        #expect(fromFile.seed == UInt64(text))
        let fromSet = try ScenarioLoader.parse(yaml: "seed: 1\n", file: "x.yaml", overrides: ["seed=\(text)"])
        #expect(fromSet.seed == UInt64(text))
    }

    @Test("a seed outside UInt64 is out of range, not 'not an integer'", arguments: ["18446744073709551616", "-1"])
    func seedOutOfRange(_ text: String) throws {
        let error = try #require(failure("name: x\nseed: \(text)\n"))
        #expect(error.description == "x.yaml:2:7: seed: must be in [0, 18446744073709551615], got \(text)")
    }

    @Test("digits beyond Int are out of range for any integer key")
    func integerOutOfRange() throws {
        let error = try #require(failure("fleet:\n  max_instances: 99999999999999999999\n"))
        #expect(error.description == "x.yaml:2:18: fleet.max_instances: must be in [1, 100000], got 99999999999999999999")
        let jobs = try #require(failure("jobs: -99999999999999999999\n"))
        #expect(jobs.description == "x.yaml:1:7: jobs: must be in [1, 1000000000], got -99999999999999999999")
    }
}
