import Testing
@testable import NommerPlan

/// The message `SweepAxis(parsing:)` refuses `text` with, or nil.
private func refusal(_ text: String) -> String? {
    do {
        _ = try SweepAxis(parsing: text)
        return nil
    } catch {
        return error.description
    }
}

@Suite struct SweepRangeLimitTests {
    @Test("a range of too many values is refused in floating point, before any conversion that could trap", arguments: [
        ("fleet.billing.price_per_hour=0:1:1e-300", "1e+300 values is too many (at most 100000; use a larger step)"),
        ("fleet.billing.price_per_hour=0:1e300:1", "1e+300 values is too many (at most 100000; use a larger step)"),
        ("fleet.billing.price_per_hour=0:1:0.0000001", "10000001 values is too many (at most 100000; use a larger step)"),
    ])
    func tooManyValues(_ text: String, _ message: String) throws {
        let description = try #require(refusal(text))
        #expect(description.hasPrefix("--vary \(text): "), "\(description)")
        #expect(description.contains(message), "\(description)")
    }

    @Test("a step too small to tell the values apart is refused")
    func stepTooSmall() throws {
        let text = "fleet.billing.price_per_hour=1:1.0000000000001:0.00000000000001"
        #expect(refusal(text) == "--vary \(text): the step is too small (values repeat at 12 significant digits)")
    }

    @Test("integer ranges are computed in integers: the largest Int is a value, not a trap")
    func largeIntegers() throws {
        let axis = try SweepAxis(parsing: "seed=9223372036854775807:9223372036854775807:1")
        #expect(axis.values == ["9223372036854775807"])
        #expect(try SweepAxis(parsing: "k=1:7:3").values == ["1", "4", "7"])
        #expect(try SweepAxis(parsing: "k=0.5:1:0.25").values == ["0.5", "0.75", "1.0"])
    }

    @Test("range ends are decimal numbers, as in a scenario", arguments: ["k=0x1:0x4:1", "k=1:inf:1", "k=nan:1:1", "k=010:12:1"])
    func decimalOnly(_ text: String) throws {
        #expect(refusal(text) == "--vary \(text): a range is start:stop:step with three decimal numbers")
    }
}

@Suite struct SweepSampleIntervalTests {
    @Test("--sample-interval-seconds follows statistics.sample_interval_seconds: 0 (off) or at least 1 ms",
          arguments: [0.0001, 1e-300, -1])
    func tooShort(_ seconds: Double) throws {
        var definition = try PlanFixtures.definition(vary: ["fleet.max_instances=2"], replications: 1)
        definition.sampleIntervalSeconds = seconds
        do {
            _ = try SweepPlan(definition)
            Issue.record("--sample-interval-seconds \(seconds) was accepted")
        } catch {
            #expect(error.description == "--sample-interval-seconds must be 0 (off) or >= 0.001 (1 ms), got \(seconds)")
        }
    }

    @Test("0 and 0.001 are accepted", arguments: [0, 0.001])
    func accepted(_ seconds: Double) throws {
        var definition = try PlanFixtures.definition(vary: ["fleet.max_instances=2"], replications: 1)
        definition.sampleIntervalSeconds = seconds
        #expect(try SweepPlan(definition).configurations[0].scenario.statistics.sampleIntervalSeconds == seconds)
    }
}
