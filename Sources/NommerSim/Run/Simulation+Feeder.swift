import NommerCore

extension Simulation {
    /// Runs one feeder event and carries out every action it (and the events
    /// those actions report back) asks for, in order.
    func withFeeder(_ body: (inout FeederStateMachine, inout [FeederAction]) -> Void) {
        var actions = feederBuffers.popLast() ?? []
        body(&feeder, &actions)
        var index = 0
        while index < actions.count {
            // Move the action out, leaving a payload-free placeholder: no retain of its job.
            var action = FeederAction.observeFleet
            swap(&action, &actions[index])
            index += 1
            perform(action, into: &actions)
        }
        actions.removeAll(keepingCapacity: true)
        feederBuffers.append(actions)
    }

    private func perform(_ action: consuming FeederAction, into actions: inout [FeederAction]) {
        switch consume action {
        case .loadUnfinishedJobs:
            feeder.unfinishedJobsLoaded(store.selectUnfinished(), at: clock, into: &actions)
        case let .schedule(timer, time):
            events.schedule(.feederTimer(timer), at: time)
        case let .storeJob(job):
            putJob(job)
        case let .enqueueNewJob(id):
            newJobs.send(id, at: clock)
            // No worker is running here, so parked long-pollers can be served at once.
            if !longPollers.isEmpty { wakeLongPollers() }
        case let .receiveStateChanges(max):
            let messages = (try? stateChanges.receive(max: max, visibilityTimeoutSeconds: 3600, at: clock)) ?? []
            feeder.stateChangesReceived(messages, at: clock, into: &actions)
        case let .loadJobs(ids, purpose):
            readJobs(ids, consistent: scenario.store.consistentReads) { records, missing in
                feeder.jobsLoaded(records, missing: missing, purpose: purpose, at: clock, into: &actions)
            }
        case let .deleteStateChanges(receipts):
            for receipt in receipts { try? stateChanges.delete(receipt, at: clock) }
        case .observeFleet:
            let observation = FleetObservation(instances: fleet.describe(), newJobQueue: newJobs.counts(at: clock))
            feeder.fleetObserved(observation, at: clock, into: &actions)
        case let .launchInstances(count):
            launch(count)
        case let .terminateInstances(ids):
            for id in ids {
                guard let index = fleet.index(of: id) else { continue }
                stop(index)
            }
        }
    }
}
