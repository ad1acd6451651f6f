import Foundation
import NommerCore

/// The nommer phases a worker is running, with when each last made progress
/// (the nommer's progress callback), for stall detection.
final class PhaseRuns: @unchecked Sendable {
    struct Run {
        let token: Int
        let phase: WorkPhase
        let task: Task<Void, Never>
        var lastProgressAt: Seconds
        var stallReported = false
    }

    private let lock = NSLock()
    private var runs: [JobID: Run] = [:]
    private var nextToken = 0

    func makeToken() -> Int { lock.withLock { nextToken += 1; return nextToken } }

    func add(_ id: JobID, _ run: Run) { lock.withLock { runs[id]?.task.cancel(); runs[id] = run } }

    /// The run of `id` if its token is `token` (removed).
    func finish(_ id: JobID, token: Int) -> Run? {
        lock.withLock {
            guard let run = runs[id], run.token == token else { return nil }
            runs[id] = nil
            return run
        }
    }

    /// Cancels and forgets the run of `id`.
    func abort(_ id: JobID) { lock.withLock { runs.removeValue(forKey: id)?.task.cancel() } }

    func abortAll() {
        lock.withLock {
            for run in runs.values { run.task.cancel() }
            runs.removeAll()
        }
    }

    func progressed(_ id: JobID, token: Int, at now: Seconds) {
        lock.withLock {
            guard runs[id]?.token == token else { return }
            runs[id]?.lastProgressAt = now
        }
    }

    /// Runs with no progress for longer than `thresholdSeconds`, not yet reported (marked reported).
    func newlyStalled(at now: Seconds, thresholdSeconds: Seconds) -> [JobID] {
        lock.withLock {
            var stalled: [JobID] = []
            for (id, run) in runs where !run.stallReported && now - run.lastProgressAt > thresholdSeconds {
                runs[id]?.stallReported = true
                stalled.append(id)
            }
            return stalled.sorted()
        }
    }
}
