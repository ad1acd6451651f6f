import NommerCore

/// The sampled time series and latency quantiles: observations only, so a
/// run gives the same result with sampling on or off. With
/// `statistics.sample_interval_seconds` at 0 no sample event is ever
/// scheduled, so sampling costs nothing.
extension Simulation {
    /// Schedules the first sample at time 0 when sampling is on.
    func startSampling() {
        guard scenario.statistics.sampleIntervalSeconds > 0 else { return }
        events.schedule(.sample, at: clock)
    }

    /// Records the state now and schedules the next sample, as long as other
    /// events are pending (samples alone never keep a run going).
    func takeSample() {
        eventsProcessed -= 1 // not an event of the model: keep the count as without sampling
        // `run()` ends a drained run after the first event at or past the
        // arrival window once every job is finished. A sample must not be that
        // event: the next event of the model must be, as without sampling. So
        // the clock goes back just inside the window (the previous event of
        // the model was inside it, or the run would have ended there; nothing
        // reads the clock before the next event sets it), and the run, whose
        // end is already past, takes no more samples.
        if arrivalsDone && scenario.drain && unfinishedJobs == 0 && clock >= arrivalEnd {
            clock = arrivalEnd.nextDown
            return
        }
        var booting = 0, running = 0, stopping = 0
        for index in fleet.live {
            switch fleet.state(of: index) {
            case .booting: booting += 1
            case .running: running += 1
            case .stopping: stopping += 1
            case nil: break
            }
        }
        let counts = newJobs.observedCounts
        timeSeries.append(TimeSeriesSample(t: clock, queueVisible: counts.visible, queueInFlight: counts.inFlight,
                                           instancesBooting: booting, instancesRunning: running,
                                           instancesStopping: stopping, jobsInProgress: busySlots))
        if !events.isEmpty {
            events.schedule(.sample, at: clock + scenario.statistics.sampleIntervalSeconds)
        }
    }

    /// Wait and turnaround at the quantiles `levels` (each in [0, 1]), in
    /// seconds, after the warm-up; all zero when no job was measured. For
    /// drawing latency distributions after `run()`.
    public func latencyQuantiles(_ levels: [Double]) -> (wait: [Double], turnaround: [Double]) {
        (wait.quantiles(levels), turnaround.quantiles(levels))
    }
}
