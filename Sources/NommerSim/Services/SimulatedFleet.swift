import NommerConfig
import NommerCore

/// An EC2 fleet in virtual time: launches that take a boot time, a quota,
/// draining stops, failures, and billing per started hour or per second.
///
/// Instances are numbered densely (their index is the simulator's handle);
/// each also has an EC2-style id for the core. Billing runs from launch to
/// termination (EC2 bills from `running`; boot here includes the OS and the
/// worker starting, which EC2 does bill).
struct SimulatedFleet {
    struct Instance {
        let id: InstanceID
        let launchedAt: Seconds
        var state: InstanceState
        var terminatedAt: Seconds?
        var runningSince: Seconds?
    }

    let billing: BillingSpec
    let quota: Int?
    private(set) var instances: [Instance] = []
    private var indexByID: [InstanceID: Int] = [:]
    /// Indices of instances not yet terminated, in launch order.
    private(set) var live: [Int] = []

    /// Most instances alive at once.
    private(set) var peakInstances = 0
    /// Instances launched over the run.
    private(set) var launched = 0
    /// Instances that failed.
    private(set) var failed = 0
    /// Billed instance-hours of terminated instances.
    private(set) var billedHours: Double = 0
    /// Seconds instances spent running (booted, taking work) until terminated.
    private(set) var runningSeconds: Double = 0

    init(billing: BillingSpec, quota: Int?) {
        self.billing = billing
        self.quota = quota
    }

    /// Launches up to `count` instances; fewer if the quota is reached.
    /// Returns the new instances' indices.
    mutating func launch(_ count: Int, at now: Seconds) -> [Int] {
        var allowed = count
        if let quota { allowed = max(0, min(count, quota - live.count)) }
        var added: [Int] = []
        for _ in 0..<allowed {
            let index = instances.count
            let id = InstanceID("i-\(String(index, radix: 16).leftPadded(to: 8))")
            instances.append(Instance(id: id, launchedAt: now, state: .booting))
            indexByID[id] = index
            live.append(index)
            added.append(index)
        }
        launched += added.count
        peakInstances = max(peakInstances, live.count)
        return added
    }

    func index(of id: InstanceID) -> Int? { indexByID[id] }

    func isAlive(_ index: Int) -> Bool { instances[index].terminatedAt == nil }

    mutating func markRunning(_ index: Int, at now: Seconds) {
        instances[index].state = .running
        instances[index].runningSince = now
    }

    mutating func markStopping(_ index: Int) {
        instances[index].state = .stopping
    }

    /// Ends an instance and bills it.
    mutating func terminate(_ index: Int, at now: Seconds, failed didFail: Bool = false) {
        guard instances[index].terminatedAt == nil else { return }
        instances[index].terminatedAt = now
        if let since = instances[index].runningSince { runningSeconds += now - since }
        billedHours += billableHours(from: instances[index].launchedAt, to: now)
        if let position = live.firstIndex(of: index) { live.remove(at: position) }
        if didFail { failed += 1 }
    }

    /// What `describe` returns: instances booting, running or stopping.
    func describe() -> [InstanceDescription] {
        live.map { InstanceDescription(id: instances[$0].id, state: instances[$0].state, launchedAt: instances[$0].launchedAt) }
    }

    /// Billed hours and running seconds so far, counting live instances up to `now`.
    func totals(at now: Seconds) -> (billedHours: Double, runningSeconds: Double) {
        var hours = billedHours, running = runningSeconds
        for index in live {
            hours += billableHours(from: instances[index].launchedAt, to: now)
            if let since = instances[index].runningSince { running += now - since }
        }
        return (hours, running)
    }

    /// Hours billed for an instance alive from `start` to `end` (seconds).
    func billableHours(from start: Seconds, to end: Seconds) -> Double {
        let seconds = max(0, end - start)
        switch billing.model {
        case .perHour: return max(1, (seconds / 3600).rounded(.up))
        case .perSecond: return max(60, seconds.rounded(.up)) / 3600
        }
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
