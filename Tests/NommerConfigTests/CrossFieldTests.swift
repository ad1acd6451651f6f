import NommerConfig
import Testing

@Suite struct CrossFieldTests {
    @Test func fixedFleetLargerThanMaxInstancesIsRefusedAtItsLine() throws {
        let yaml = """
        fleet:
          max_instances: 4
        policy:
          name: fixed
          instances: 8
        """
        let error = try #require(failure(yaml))
        #expect(error.keyPath == "policy.instances")
        #expect(error.line == 5)
        #expect(error.description.contains("must be <= fleet.max_instances (4), got 8"))
    }

    @Test func minimumAboveMaximumIsRefusedFromAnOverride() throws {
        let error = try #require(failure("policy:\n  name: hpa\n", overrides: ["policy.min_instances=9"]))
        #expect(error.keyPath == "policy.min_instances")
        #expect(error.isFromOverride)
    }

    @Test func fixedFleetWithinMaxInstancesLoads() throws {
        let scenario = try ScenarioLoader.parse(yaml: "fleet: {max_instances: 8}\npolicy: {name: fixed, instances: 8}\n", file: "x.yaml")
        #expect(scenario.policy.name == "fixed")
    }
}
