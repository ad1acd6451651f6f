import NommerCore
import Testing

private func hpa(target: Double = 2, tolerance: Double = 0.1, window: Seconds = 300, minInstances: Int = 0,
                 maxInstances: Int = 20) -> HPAPolicy {
    HPAPolicy(parameters: .init(targetJobsPerInstance: target, tolerance: tolerance,
                                scaleDownStabilizationSeconds: window, minInstances: minInstances),
              limits: FleetLimits(maxInstances: maxInstances, jobsPerInstance: 2))
}

@Suite("HPAPolicy")
struct HPAPolicyTests {
    @Test("a ratio within the tolerance holds")
    func withinTolerance() {
        var policy = hpa()
        // 10 instances: 21 jobs -> 2.1 per instance, ratio 1.05; 19 -> 0.95.
        #expect(policy.rawRecommendation(snapshot(running: 10, visible: 21)) == 10)
        #expect(policy.decide(snapshot(running: 10, visible: 21, time: 0)) == .hold)
        #expect(policy.decide(snapshot(running: 10, visible: 10, inFlight: 9, time: 1)) == .hold)
    }

    @Test("scales up to ceil(current x metric / target)")
    func scalesUp() {
        var policy = hpa()
        // 2 instances, 11 jobs: metric 5.5, ratio 2.75 -> ceil(5.5) = 6.
        #expect(policy.rawRecommendation(snapshot(running: 2, visible: 7, inFlight: 4)) == 6)
        #expect(policy.decide(snapshot(running: 2, visible: 7, inFlight: 4)) == .launch(4))
    }

    @Test("from zero instances it asks for ceil(backlog / target)")
    func fromZero() {
        var policy = hpa()
        #expect(policy.decide(snapshot(visible: 5)) == .launch(3))
        var empty = hpa()
        #expect(empty.decide(snapshot()) == .hold)
    }

    @Test("the recommendation is clamped to minInstances and maxInstances")
    func clamped() {
        var high = hpa(maxInstances: 3)
        #expect(high.decide(snapshot(visible: 100)) == .launch(3))
        var low = hpa(minInstances: 2)
        #expect(low.decide(snapshot()) == .launch(2))
    }

    @Test("a scale-down is held while a higher recommendation is within the stabilization window")
    func scaleDownHeldInWindow() {
        var policy = hpa(window: 300)
        #expect(policy.decide(snapshot(running: 4, visible: 8, time: 0)) == .hold)
        // Backlog drops to 2: raw recommendation 1, but 4 was recommended at t=0.
        #expect(policy.decide(snapshot(running: 4, visible: 2, time: 60)) == .hold)
        #expect(policy.decide(snapshot(running: 4, visible: 2, time: 299)) == .hold)
    }

    @Test("a scale-down is allowed once the higher recommendations leave the window")
    func scaleDownAfterWindow() {
        var policy = hpa(window: 300)
        _ = policy.decide(snapshot(running: 4, visible: 8, time: 0))
        _ = policy.decide(snapshot(running: 4, visible: 2, time: 60))
        #expect(policy.decide(snapshot(running: 4, visible: 2, time: 301)) == .stop(3))
    }

    @Test("a scale-down goes only as low as the highest recommendation in the window")
    func scaleDownToWindowMaximum() {
        var policy = hpa(window: 300)
        _ = policy.decide(snapshot(running: 6, visible: 12, time: 0))   // 6
        _ = policy.decide(snapshot(running: 6, visible: 6, time: 200))  // raw 3
        // At 400 only the t=200 recommendation (3) is in the window; raw is 1.
        #expect(policy.decide(snapshot(running: 6, visible: 2, time: 400)) == .stop(3))
    }

    @Test("a scale-up is not stabilized")
    func scaleUpImmediate() {
        var policy = hpa(window: 300)
        _ = policy.decide(snapshot(running: 2, visible: 1, time: 0))
        #expect(policy.decide(snapshot(running: 2, visible: 8, time: 10)) == .launch(2))
    }
}
