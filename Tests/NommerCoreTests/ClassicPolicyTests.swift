import NommerCore
import Testing

/// media-nommer's `EC2InstanceManager.spawn_if_needed`, transcribed line by
/// line (Python 2 integer division); returns how many instances it spawns.
private func originalSpawnIfNeeded(numInstances: Int, numUnfinishedJobs: Int, maxNumInstances: Int,
                                   maxEncodingJobsPerInstance: Int, jobOverflowThresh: Int) -> Int {
    if numInstances >= maxNumInstances { return 0 }
    if numUnfinishedJobs == 0 { return 0 }
    let jobCapacity = numInstances * maxEncodingJobsPerInstance
    let isOverCapacity = numUnfinishedJobs >= jobCapacity + jobOverflowThresh
    let hasJobsButNoInstances = numUnfinishedJobs > 0 && numInstances == 0
    if isOverCapacity || hasJobsButNoInstances {
        var overage = numUnfinishedJobs - jobCapacity
        if jobCapacity > 0 { overage -= jobOverflowThresh }
        if overage <= 0 { return 0 }
        var numNewInstances = overage / maxEncodingJobsPerInstance
        numNewInstances = max(1, numNewInstances)
        numNewInstances = min(numNewInstances, maxNumInstances)
        return numNewInstances
    }
    return 0
}

/// A fleet limit and threshold setting for the table-driven comparison.
struct ClassicSetting: Sendable, CustomTestStringConvertible {
    let maxInstances: Int
    let jobsPerInstance: Int
    let overflow: Int
    var testDescription: String { "max \(maxInstances), \(jobsPerInstance) jobs/instance, overflow \(overflow)" }
}

private func classic(overshoot: Bool = false) -> ClassicPolicy {
    ClassicPolicy(parameters: .init(overflowThreshold: 2, allowOvershoot: overshoot),
                  limits: FleetLimits(maxInstances: 3, jobsPerInstance: 2))
}

private func decide(_ instances: Int, _ unfinished: Int, overshoot: Bool = false) -> FleetDecision {
    var policy = classic(overshoot: overshoot)
    return policy.decide(snapshot(running: instances, unfinished: unfinished))
}

@Suite("ClassicPolicy")
struct ClassicPolicyTests {
    @Test("defaults are max 3 instances, 2 jobs per instance, overflow threshold 2, no overshoot")
    func defaults() {
        let policy = ClassicPolicy()
        #expect(policy.limits == FleetLimits(maxInstances: 3, jobsPerInstance: 2))
        #expect(policy.parameters == .init(overflowThreshold: 2, allowOvershoot: false))
        #expect(policy.name == "classic")
    }

    @Test("no instances and 1 job: launch 1")
    func zeroInstancesOneJob() { #expect(decide(0, 1) == .launch(1)) }

    @Test("no instances and 5 jobs: launch 2")
    func zeroInstancesFiveJobs() { #expect(decide(0, 5) == .launch(2)) }

    @Test("1 instance and 4 jobs: hold (within capacity plus threshold)")
    func oneInstanceFourJobs() { #expect(decide(1, 4) == .hold) }

    @Test("1 instance and 5 jobs: launch 1")
    func oneInstanceFiveJobs() { #expect(decide(1, 5) == .launch(1)) }

    @Test("at the maximum fleet size: hold however many jobs wait")
    func atMaximum() {
        #expect(decide(3, 100) == .hold)
        #expect(decide(4, 100) == .hold)
    }

    @Test("no unfinished jobs: hold")
    func noJobs() {
        #expect(decide(0, 0) == .hold)
        #expect(decide(1, 0) == .hold)
    }

    @Test("booting instances count as instances")
    func bootingCounts() {
        var policy = classic()
        #expect(policy.decide(snapshot(running: 0, booting: 1, unfinished: 1)) == .hold)
        #expect(policy.decide(snapshot(running: 2, booting: 1, unfinished: 50)) == .hold)
        #expect(policy.decide(snapshot(running: 0, booting: 1, unfinished: 5)) == .launch(1))
    }

    @Test("1 instance and 20 jobs: the default caps at the room left (2)")
    func capsAtRoomLeft() { #expect(decide(1, 20) == .launch(2)) }

    @Test("1 instance and 20 jobs: allowOvershoot caps at maxInstances (3), as the original did")
    func overshootCapsAtMaximum() { #expect(decide(1, 20, overshoot: true) == .launch(3)) }

    @Test("matches the Python original over a grid of instances 0...4 and unfinished jobs 0...20",
          arguments: [ClassicSetting(maxInstances: 3, jobsPerInstance: 2, overflow: 2),
                      ClassicSetting(maxInstances: 5, jobsPerInstance: 3, overflow: 1),
                      ClassicSetting(maxInstances: 4, jobsPerInstance: 1, overflow: 0)])
    func matchesOriginal(setting: ClassicSetting) {
        let limits = FleetLimits(maxInstances: setting.maxInstances, jobsPerInstance: setting.jobsPerInstance)
        var mismatches: [String] = []
        for instances in 0...4 {
            for unfinished in 0...20 {
                let original = originalSpawnIfNeeded(
                    numInstances: instances, numUnfinishedJobs: unfinished, maxNumInstances: setting.maxInstances,
                    maxEncodingJobsPerInstance: setting.jobsPerInstance, jobOverflowThresh: setting.overflow)
                let roomLeft = max(0, setting.maxInstances - instances)
                let expectedOvershoot: FleetDecision = original > 0 ? .launch(original) : .hold
                let capped = min(original, roomLeft)
                let expectedDefault: FleetDecision = capped > 0 ? .launch(capped) : .hold

                var overshoot = ClassicPolicy(parameters: .init(overflowThreshold: setting.overflow, allowOvershoot: true),
                                              limits: limits)
                var standard = ClassicPolicy(parameters: .init(overflowThreshold: setting.overflow), limits: limits)
                let snap = snapshot(running: instances, unfinished: unfinished)
                let gotOvershoot = overshoot.decide(snap)
                let gotDefault = standard.decide(snap)
                if gotOvershoot != expectedOvershoot {
                    mismatches.append("overshoot \(instances)/\(unfinished): \(gotOvershoot) != \(expectedOvershoot)")
                }
                if gotDefault != expectedDefault {
                    mismatches.append("default \(instances)/\(unfinished): \(gotDefault) != \(expectedDefault)")
                }
            }
        }
        #expect(mismatches == [])
    }
}
