import NommerCore
import Testing

/// The limits every policy respects: stopping instances count against the
/// maximum, and arithmetic on extreme parameters saturates instead of trapping.
@Suite("FleetLimits")
struct FleetLimitsTests {
    private let limits = FleetLimits(maxInstances: 5, jobsPerInstance: 1)

    @Test("launch room is the maximum less running, booting and stopping instances, never negative")
    func launchRoom() {
        #expect(limits.launchRoom(snapshot(running: 1, booting: 1, stopping: 1)) == 2)
        #expect(limits.launchRoom(snapshot(running: 4, stopping: 3)) == 0)
    }

    @Test("change(by:) caps launches at the room and leaves stops alone")
    func change() {
        let draining = snapshot(running: 2, stopping: 2)
        #expect(limits.change(by: 3, draining) == .launch(1))
        #expect(limits.change(by: -2, draining) == .stop(2))
        #expect(limits.change(by: 2, snapshot(running: 3, stopping: 2)) == .hold)
    }

    @Test("instance counts from Double round up and saturate")
    func instanceCount() {
        #expect(FleetLimits.instanceCount(roundingUp: 2.1) == 3)
        #expect(FleetLimits.instanceCount(roundingUp: 1e300) == Int.max)
        #expect(FleetLimits.instanceCount(roundingUp: .infinity) == Int.max)
        #expect(FleetLimits.instanceCount(roundingUp: .nan) == 0)
        #expect(FleetLimits.instanceCount(roundingUp: -4) == 0)
    }

    @Test("backlog: launches stop at the maximum while instances drain")
    func backlogCountsStopping() {
        var policy = BacklogPolicy(limits: limits)
        // Desired 5 (5 in flight, 1 job each); 2 running + 2 stopping leave room for 1.
        #expect(policy.decide(snapshot(running: 2, stopping: 2, inFlight: 5)) == .launch(1))
    }

    @Test("hpa: launches stop at the maximum while instances drain")
    func hpaCountsStopping() {
        var policy = HPAPolicy(parameters: .init(targetJobsPerInstance: 1), limits: limits)
        #expect(policy.decide(snapshot(running: 1, stopping: 3, visible: 10)) == .launch(1))
    }

    @Test("fixed: launches stop at the maximum while instances drain")
    func fixedCountsStopping() {
        var policy = FixedPolicy(parameters: .init(instances: 5), limits: limits)
        #expect(policy.decide(snapshot(running: 3, stopping: 1)) == .launch(1))
    }

    @Test("classic: launches stop at the maximum while instances drain, unless overshoot is allowed")
    func classicCountsStopping() {
        var policy = ClassicPolicy(limits: limits)
        #expect(policy.decide(snapshot(running: 1, stopping: 3, unfinished: 20)) == .launch(1))
        var original = ClassicPolicy(parameters: .init(allowOvershoot: true), limits: limits)
        #expect(original.decide(snapshot(running: 1, stopping: 3, unfinished: 20)) == .launch(5))
    }

    @Test("extreme parameters give a decision, not an arithmetic trap")
    func saturation() {
        var classic = ClassicPolicy(parameters: .init(overflowThreshold: .max),
                                    limits: FleetLimits(maxInstances: 10, jobsPerInstance: .max))
        #expect(classic.decide(snapshot(running: 2, unfinished: 5)) == .hold)
        #expect(classic.decide(snapshot(unfinished: 5)) == .launch(1))
        var hpa = HPAPolicy(parameters: .init(targetJobsPerInstance: 1e-300), limits: limits)
        #expect(hpa.decide(snapshot(visible: 3)) == .launch(5))
        #expect(hpa.decide(snapshot(running: 1, visible: 3, time: 60)) == .launch(4))
        var backlog = BacklogPolicy(parameters: .init(acceptableLatencySeconds: 1e-300), limits: limits)
        #expect(backlog.decide(snapshot(visible: 1_000_000_000)) == .launch(5))
    }
}
