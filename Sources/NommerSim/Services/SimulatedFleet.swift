import NommerConfig
import NommerCore

/// An EC2 fleet in virtual time: launches that take a boot time, a quota,
/// draining stops, failures, and billing per started hour or per second.
///
/// Instances are numbered in launch order (their index is the simulator's
/// handle); each also has an EC2-style id for the core. Only instances not
/// yet terminated are kept (their totals are added up when they end), so
/// memory follows the fleet's size, not the instances launched over a run.
/// Billing runs from launch to
/// termination (EC2 bills from `running`; boot here includes the OS and the
/// worker starting, which EC2 does bill).
struct SimulatedFleet {
    struct Instance {
        let id: InstanceID
        let launchedAt: Seconds
        var state: InstanceState
        var runningSince: Seconds?
    }

    let billing: BillingSpec
    let quota: Int?
    /// Instances not yet terminated, by index.
    private var instances = SequentialTable<Instance>()
    private var nextIndex = 0
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
            let index = nextIndex
            nextIndex += 1
            let id = InstanceID("i-\(String(index, radix: 16).leftPadded(to: 8))")
            instances.append(Instance(id: id, launchedAt: now, state: .booting), for: UInt64(index))
            indexByID[id] = index
            live.append(index)
            added.append(index)
        }
        launched += added.count
        peakInstances = max(peakInstances, live.count)
        return added
    }

    func index(of id: InstanceID) -> Int? { indexByID[id] }

    func isAlive(_ index: Int) -> Bool { instances[UInt64(index)] != nil }

    /// The state of a live instance; nil once it is terminated.
    func state(of index: Int) -> InstanceState? { instances[UInt64(index)]?.state }

    mutating func markRunning(_ index: Int, at now: Seconds) {
        guard var instance = instances.take(UInt64(index)) else { return }
        instance.state = .running
        instance.runningSince = now
        instances.insert(instance, for: UInt64(index))
    }

    mutating func markStopping(_ index: Int) {
        guard var instance = instances.take(UInt64(index)) else { return }
        instance.state = .stopping
        instances.insert(instance, for: UInt64(index))
    }

    /// Ends an instance and bills it.
    mutating func terminate(_ index: Int, at now: Seconds, failed didFail: Bool = false) {
        guard let instance = instances.removeValue(for: UInt64(index)) else { return }
        if let since = instance.runningSince { runningSeconds += now - since }
        billedHours += billableHours(from: instance.launchedAt, to: now)
        indexByID[instance.id] = nil
        if let position = live.firstIndex(of: index) { live.remove(at: position) }
        if didFail { failed += 1 }
    }

    /// What `describe` returns: instances booting, running or stopping.
    func describe() -> [InstanceDescription] {
        live.compactMap { index in
            instances[UInt64(index)].map { InstanceDescription(id: $0.id, state: $0.state, launchedAt: $0.launchedAt) }
        }
    }

    /// Billed hours and running seconds so far, counting live instances up to `now`.
    func totals(at now: Seconds) -> (billedHours: Double, runningSeconds: Double) {
        var hours = billedHours, running = runningSeconds
        for index in live {
            guard let instance = instances[UInt64(index)] else { continue }
            hours += billableHours(from: instance.launchedAt, to: now)
            if let since = instance.runningSince { running += now - since }
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
