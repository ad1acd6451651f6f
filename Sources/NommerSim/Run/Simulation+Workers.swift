import NommerCore

extension Simulation {
    /// Runs one event of the worker on instance `index` and carries out every
    /// action it (and the events those actions report back) asks for.
    func withWorker(_ index: Int, _ body: (inout WorkerStateMachine, inout [WorkerAction]) -> Void) {
        // The worker is changed in place in its slot object: no move out of
        // the table and back (a 200-byte struct twice per event).
        guard let slot = workers[UInt64(index)] else { return }
        assert(!slot.inUse, "a worker's event must not run inside another of its events")
        slot.inUse = true
        let heldBefore = slot.machine.held.count
        var actions = workerBuffers.popLast() ?? []
        body(&slot.machine, &actions)
        var position = 0
        while position < actions.count {
            // Move the action out, leaving a payload-free placeholder: no retain of its job.
            var action = WorkerAction.cancelReceive
            swap(&action, &actions[position])
            position += 1
            perform(action, worker: &slot.machine, instance: index, into: &actions)
        }
        actions.removeAll(keepingCapacity: true)
        workerBuffers.append(actions)
        slot.inUse = false
        let terminated = slot.machine.terminated
        let heldAfter = terminated ? 0 : slot.machine.held.count
        if heldAfter != heldBefore {
            accumulateBusy()
            busySlots += heldAfter - heldBefore
        }
        if terminated {
            workers.removeValue(for: UInt64(index)) // lets the table drop the empty slot
        }
    }

    private func perform(_ action: consuming WorkerAction, worker: inout WorkerStateMachine, instance index: Int,
                         into actions: inout [WorkerAction]) {
        switch consume action {
        case let .receive(max, waitSeconds, visibility):
            let messages = receive(max: max, visibilityTimeoutSeconds: visibility)
            if messages.isEmpty && waitSeconds > 0 {
                // Long poll: park until a message is sent (see wakeLongPollers).
                parkedReceive.insert((max, visibility), for: UInt64(index))
                longPollers.append(index)
            } else {
                worker.messagesReceived(messages, at: clock, into: &actions)
            }
        case .cancelReceive:
            parkedReceive.removeValue(for: UInt64(index))
        case let .loadJob(message):
            let record = store.get(message.jobID, consistent: true, at: clock)
            worker.jobLoaded(record, for: message, at: clock, into: &actions)
        case let .storeJob(job):
            putJob(job)
        case let .announceStateChange(id):
            stateChanges.send(id, at: clock)
        case let .startPhase(phase, job):
            startPhase(phase, of: job, on: index, worker: &worker, into: &actions)
        case .abortPhase:
            break // A late phaseDone for an aborted job is ignored by the worker.
        case let .deleteMessage(receipt):
            try? newJobs.delete(receipt, at: clock)
        case let .changeVisibility(receipt, timeout):
            try? newJobs.changeVisibility(receipt, timeoutSeconds: timeout, at: clock)
            if timeout <= 0 { scheduleWakeIfNeeded() }
        case let .refreshHeldJobs(ids):
            readJobs(ids, consistent: true) { records, missing in
                worker.heldJobsRefreshed(records, missing: missing, at: clock, into: &actions)
            }
        case let .schedule(timer, time):
            events.schedule(.workerTimer(instance: index, timer), at: time)
        case .terminateSelf:
            parkedReceive.removeValue(for: UInt64(index))
            fleet.terminate(index, at: clock)
        }
    }

    /// Samples how long a phase takes and how it ends; a hung encode never ends.
    /// A phase that takes no time completes at once, without an event.
    private func startPhase(_ phase: WorkPhase, of job: EncodingJob, on index: Int, worker: inout WorkerStateMachine,
                            into actions: inout [WorkerAction]) {
        let duration: Seconds
        var outcome = PhaseOutcome.completed
        switch phase {
        case .download:
            duration = replayedTransferSeconds(.download, of: job) ?? downloadSampler.sample(random.download)
        case .encode:
            if replay != nil || jobLog != nil { // a replayed or logged run: Simulation+Replay.swift
                guard let encode = replayedEncode(of: job, worker: &worker) else { return }
                duration = encode.duration
                outcome = encode.outcome
                break
            }
            let workload = scenario.workload
            if workload.hangProbability > 0 && random.outcomes.bernoulli(workload.hangProbability) {
                worker.nommerStalled(job.id, at: clock)
                return
            }
            duration = encodeSampler.sample(random.encode)
            if workload.errorProbability > 0 && random.outcomes.bernoulli(workload.errorProbability) {
                outcome = .failed(details: "encode failed after \(Int(duration)) s (simulated error)")
            }
        case .upload:
            duration = replayedTransferSeconds(.upload, of: job) ?? uploadSampler.sample(random.upload)
        }
        if duration <= 0 {
            worker.phaseCompleted(job.id, phase: phase, outcome: outcome, at: clock, into: &actions)
        } else {
            let report = phaseReports.add(PhaseReport(job: job.id, attempt: job.attempts, phase: phase, outcome: outcome))
            events.schedule(.phaseDone(instance: index, report: report), at: clock + duration)
        }
    }

    /// Receives from the new-job queue with the run's duplicate-delivery odds.
    private func receive(max: Int, visibilityTimeoutSeconds: Seconds) -> [QueueMessage] {
        let odds = scenario.queue.duplicateProbability
        let duplicates = random.duplicates
        return (try? newJobs.receive(max: max, visibilityTimeoutSeconds: visibilityTimeoutSeconds, at: clock,
                                     duplicate: { odds > 0 && duplicates.bernoulli(odds) })) ?? []
    }

    /// Asks for a wake-up of parked long-pollers at the current time, once.
    func scheduleWakeIfNeeded() {
        guard !wakeScheduled, !longPollers.isEmpty else { return }
        wakeScheduled = true
        events.schedule(.wakeLongPollers, at: clock)
    }

    /// Hands visible messages to parked long-pollers, oldest waiter first.
    func wakeLongPollers() {
        while let index = longPollers.first, newJobs.hasVisible(at: clock) {
            longPollers.removeFirst()
            guard let parked = parkedReceive.removeValue(for: UInt64(index)) else { continue }
            let messages = receive(max: parked.max, visibilityTimeoutSeconds: parked.visibilityTimeoutSeconds)
            withWorker(index) { worker, actions in worker.messagesReceived(messages, at: clock, into: &actions) }
        }
    }
}

/// A worker's state machine in a slot object of its own, so the simulator
/// changes it in place. Its stored properties are not checked for exclusive
/// access at run time, as `Simulation`'s are not (see there): a run is
/// single-threaded and a worker's events never nest (asserted).
final class WorkerSlot {
    @exclusivity(unchecked) var machine: WorkerStateMachine
    @exclusivity(unchecked) var inUse = false

    init(_ machine: WorkerStateMachine) {
        self.machine = machine
    }
}
