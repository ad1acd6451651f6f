import NommerCore
import Testing

@Suite("FixedPolicy")
struct FixedPolicyTests {
    @Test("launches up to N instances")
    func launchesUpToN() {
        var policy = FixedPolicy(parameters: .init(instances: 3))
        #expect(policy.decide(snapshot()) == .launch(3))
        #expect(policy.decide(snapshot(running: 1, booting: 1)) == .launch(1))
    }

    @Test("holds at N instances whatever the queue")
    func holdsAtN() {
        var policy = FixedPolicy(parameters: .init(instances: 3))
        #expect(policy.decide(snapshot(running: 3, unfinished: 100, visible: 100)) == .hold)
    }

    @Test("stops the instances beyond N")
    func stopsBeyondN() {
        var policy = FixedPolicy(parameters: .init(instances: 3))
        #expect(policy.decide(snapshot(running: 4, booting: 1)) == .stop(2))
    }
}

@Suite("FleetDecision and PolicyConfiguration")
struct FleetDecisionTests {
    @Test("change(by:) maps a delta to launch, stop or hold")
    func changeBy() {
        #expect(FleetDecision.change(by: 2) == .launch(2))
        #expect(FleetDecision.change(by: -3) == .stop(3))
        #expect(FleetDecision.change(by: 0) == .hold)
    }

    @Test("a configuration makes the policy it names")
    func makePolicy() {
        let limits = FleetLimits()
        let configurations: [PolicyConfiguration] = [
            .classic(.init()), .backlog(.init()), .hpa(.init()), .fixed(.init(instances: 1)),
        ]
        #expect(configurations.map(\.name) == ["classic", "backlog", "hpa", "fixed"])
        #expect(configurations.map { $0.makePolicy(limits: limits).name } == ["classic", "backlog", "hpa", "fixed"])
    }
}
