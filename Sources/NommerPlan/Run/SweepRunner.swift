import Foundation

/// How far a sweep has got, for progress displays.
public struct SweepProgress: Sendable {
    /// Runs of this shard finished, including those found done when resuming.
    public var done: Int
    /// Runs of this shard in all.
    public var total: Int
    /// Runs found done when resuming (not timed).
    public var resumed: Int
    /// Wall-clock seconds since this process started running.
    public var elapsedSeconds: Double

    /// Estimated seconds left, from the pace of this process's runs.
    public var etaSeconds: Double? {
        let ran = done - resumed
        guard ran > 0 else { return nil }
        return elapsedSeconds / Double(ran) * Double(total - done)
    }
}

/// Runs a shard of a sweep on several threads and writes each finished run
/// to the results database. Each run's seed comes from its replication
/// number alone, and each run is written under its own number, so the file's
/// contents do not depend on the number of threads or on scheduling.
public enum SweepRunner {
    /// Runs the runs of `shard` not yet in `database`; `progress` is called
    /// (on any thread, one call at a time) after each run is written.
    /// Returns the number of runs simulated now.
    @discardableResult
    public static func run(_ plan: SweepPlan, shard: Shard = .all, threads: Int, database: ResultsDatabase,
                           progress: (@Sendable (SweepProgress) -> Void)? = nil) throws(PlanError) -> Int {
        let all = plan.runs(in: shard)
        let finished = try database.finishedRuns()
        let pending = all.filter { !finished.contains($0) }
        let state = SharedState(pending: pending, done: all.count - pending.count, total: all.count)
        let started = Date()
        progress?(SweepProgress(done: state.done, total: all.count, resumed: state.done, elapsedSeconds: 0))
        let group = DispatchGroup()
        for _ in 0..<max(1, min(threads, pending.count)) {
            group.enter()
            let thread = Thread {
                defer { group.leave() }
                while let id = state.take() {
                    let run = plan.run(id)
                    let record = RunRecord.simulate(run, of: plan)
                    do {
                        try database.record(record, parameters: plan.configurations[run.configuration].parameters)
                    } catch {
                        state.fail(error as? PlanError ?? PlanError("\(error)"))
                        return
                    }
                    state.finish { done, resumed in
                        progress?(SweepProgress(done: done, total: all.count, resumed: resumed,
                                                elapsedSeconds: Date().timeIntervalSince(started)))
                    }
                }
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        group.wait()
        if let error = state.error { throw error }
        return pending.count
    }

    /// The queue of run numbers and the counters, shared by the threads.
    private final class SharedState: @unchecked Sendable {
        private let lock = NSLock()
        private var pending: [Int]
        private var next = 0
        private(set) var done: Int
        private let resumed: Int
        let total: Int
        private(set) var error: PlanError?

        init(pending: [Int], done: Int, total: Int) {
            self.pending = pending
            self.done = done
            self.resumed = done
            self.total = total
        }

        func take() -> Int? {
            lock.withLock {
                guard error == nil, next < pending.count else { return nil }
                defer { next += 1 }
                return pending[next]
            }
        }

        func finish(_ report: (Int, Int) -> Void) {
            lock.withLock {
                done += 1
                report(done, resumed)
            }
        }

        func fail(_ error: PlanError) {
            lock.withLock { if self.error == nil { self.error = error } }
        }
    }
}
