import NommerCore
import Testing

private func backlog(latency: Seconds = 600, processing: Seconds = 300, observed: Bool = false,
                     minInstances: Int = 0, scaleIn: Bool = true, maxInstances: Int = 10,
                     jobsPerInstance: Int = 2) -> BacklogPolicy {
    BacklogPolicy(parameters: .init(acceptableLatencySeconds: latency, meanProcessingSeconds: processing,
                                    useObservedProcessingTime: observed, minInstances: minInstances, scaleIn: scaleIn),
                  limits: FleetLimits(maxInstances: maxInstances, jobsPerInstance: jobsPerInstance))
}

@Suite("BacklogPolicy")
struct BacklogPolicyTests {
    @Test("acceptable backlog per instance is jobsPerInstance x latency / processing time")
    func acceptableBacklog() {
        #expect(backlog().acceptableBacklogPerInstance(snapshot()) == 4)
        #expect(backlog(latency: 900, processing: 300, jobsPerInstance: 3).acceptableBacklogPerInstance(snapshot()) == 9)
    }

    @Test("desired is ceil(inFlight / jobsPerInstance + visible / backlog per instance)")
    func desiredFormula() {
        var policy = backlog()
        // 3/2 + 5/4 = 2.75 -> 3
        #expect(policy.decide(snapshot(visible: 5, inFlight: 3)) == .launch(3))
        // 4/2 + 8/4 = 4 exactly -> 4; one instance running -> launch 3
        #expect(policy.decide(snapshot(running: 1, visible: 8, inFlight: 4)) == .launch(3))
    }

    @Test("desired at the current size holds")
    func holdsAtDesired() {
        var policy = backlog()
        #expect(policy.decide(snapshot(running: 2, booting: 1, visible: 4, inFlight: 4)) == .hold)
    }

    @Test("desired is clamped up to minInstances")
    func clampedToMinimum() {
        var policy = backlog(minInstances: 2)
        #expect(policy.decide(snapshot()) == .launch(2))
    }

    @Test("desired is clamped down to maxInstances")
    func clampedToMaximum() {
        var policy = backlog(maxInstances: 3)
        #expect(policy.decide(snapshot(visible: 100, inFlight: 10)) == .launch(3))
        #expect(policy.decide(snapshot(running: 3, visible: 100, inFlight: 10)) == .hold)
    }

    @Test("a shrinking backlog stops the surplus instances")
    func scalesIn() {
        var policy = backlog()
        #expect(policy.decide(snapshot(running: 5, inFlight: 2)) == .stop(4))
    }

    @Test("with scaleIn false it never stops, but still launches")
    func noScaleIn() {
        var policy = backlog(scaleIn: false)
        #expect(policy.decide(snapshot(running: 5)) == .hold)
        #expect(policy.decide(snapshot(running: 5, inFlight: 2)) == .hold)
        #expect(policy.decide(snapshot(running: 1, visible: 8, inFlight: 4)) == .launch(3))
    }

    @Test("with useObservedProcessingTime the recent mean replaces the configured processing time")
    func observedProcessingTime() {
        var observed = backlog(observed: true)
        var configured = backlog(observed: false)
        let snap = snapshot(visible: 16, meanProcessing: 150)
        // 2 x 600 / 150 = 8 per instance -> 16 / 8 = 2; configured: 16 / 4 = 4.
        #expect(observed.acceptableBacklogPerInstance(snap) == 8)
        #expect(observed.decide(snap) == .launch(2))
        #expect(configured.decide(snap) == .launch(4))
    }

    @Test("with no observed completions the configured processing time is used")
    func observedFallsBack() {
        var policy = backlog(observed: true)
        #expect(policy.acceptableBacklogPerInstance(snapshot(meanProcessing: nil)) == 4)
        #expect(policy.decide(snapshot(visible: 16)) == .launch(4))
    }
}
