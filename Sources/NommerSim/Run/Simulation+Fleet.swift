import NommerCore

extension Simulation {
    /// Launches instances; each boots after a sampled boot time.
    func launch(_ count: Int) {
        for index in fleet.launch(count, at: clock) {
            events.schedule(.instanceBooted(instance: index), at: clock + bootSampler.sample(random.boot))
        }
    }

    /// A booted instance starts its worker, and its clock towards failure.
    func boot(_ index: Int) {
        guard fleet.state(of: index) == .booting else { return }
        fleet.markRunning(index, at: clock)
        workers.insert(WorkerSlot(scenario.makeWorkerStateMachine()), for: UInt64(index))
        if let mtbf = scenario.fleet.meanHoursBetweenFailures {
            events.schedule(.instanceFailed(instance: index), at: clock + random.failures.exponential(mean: mtbf * 3600))
        }
        withWorker(index) { worker, actions in worker.start(at: clock, into: &actions) }
    }

    /// The feeder stops an instance: a booting one ends at once, a running
    /// one drains its jobs first.
    func stop(_ index: Int) {
        guard let state = fleet.state(of: index) else { return }
        switch state {
        case .booting:
            fleet.terminate(index, at: clock)
        case .running:
            fleet.markStopping(index)
            withWorker(index) { worker, actions in worker.drain(at: clock, into: &actions) }
        case .stopping:
            break
        }
    }

    /// An instance fails: its worker vanishes mid-job, without a word.
    func fail(_ index: Int) {
        guard fleet.isAlive(index) else { return }
        if let worker = workers.removeValue(for: UInt64(index))?.machine {
            accumulateBusy()
            busySlots -= worker.held.count
            // Its messages come back when their visibility times out: wake
            // long-polling workers then, so "the moment one is visible" holds.
            for held in worker.held {
                if let deadline = newJobs.deadline(of: held.receipt) { events.schedule(.wakeLongPollers, at: deadline) }
            }
        }
        parkedReceive.removeValue(for: UInt64(index))
        fleet.terminate(index, at: clock, failed: true)
    }
}
