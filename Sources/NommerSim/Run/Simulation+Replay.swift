import NommerCore

extension Simulation {
    /// The number n of the run's job `j<n>` (the order of arrival, from 1):
    /// the id's serial number, which it carries, so nothing is parsed.
    static func jobNumber(of id: JobID) -> Int? {
        id.serialNumber.map { Int($0) }
    }

    /// The download's or upload's duration of a replayed job, where the
    /// replayed workload gives it; nil otherwise (then it is drawn from the
    /// scenario, as for a generated job). One nil check on a generated run.
    @inline(__always)
    func replayedTransferSeconds(_ phase: WorkPhase, of job: EncodingJob) -> Seconds? {
        guard let replay else { return nil }
        guard let replayed = Self.jobNumber(of: job.id).flatMap({ replay.job(numbered: $0) }) else { return nil }
        return phase == .download ? replayed.downloadSeconds : replayed.uploadSeconds
    }

    /// The encode of `job` when the run replays a workload or logs its jobs:
    /// the replayed job's duration and outcome where the workload gives them,
    /// otherwise drawn as for a generated job. nil: the nommer hung (and has
    /// been reported stalled).
    func replayedEncode(of job: EncodingJob, worker: inout WorkerStateMachine)
        -> (duration: Seconds, outcome: PhaseOutcome)? {
        let replayed = Self.jobNumber(of: job.id).flatMap { replay?.job(numbered: $0) }
        let workload = scenario.workload
        var outcome = PhaseOutcome.completed
        if replayed?.fails == nil, workload.hangProbability > 0 && random.outcomes.bernoulli(workload.hangProbability) {
            worker.nommerStalled(job.id, at: clock)
            return nil
        }
        let duration = replayed?.encodeSeconds ?? encodeSampler.sample(random.encode)
        if let fails = replayed?.fails {
            if fails { outcome = .failed(details: "encode failed after \(Int(duration)) s (error in the replayed trace)") }
        } else if workload.errorProbability > 0 && random.outcomes.bernoulli(workload.errorProbability) {
            outcome = .failed(details: "encode failed after \(Int(duration)) s (simulated error)")
        }
        jobLog?.encodeStarted(job.id, seconds: duration)
        return (duration, outcome)
    }
}
