import Foundation
import NommerConfig

/// Runs replications of a scenario on several threads. Replication r uses
/// the seed `StreamSeeds.replicationSeed(base:replication:)`, so the results
/// do not depend on the number of threads or on scheduling.
public enum ParallelReplications {
    public struct Outcome: Sendable {
        /// Results by replication number.
        public var results: [SimulationResult]
        public var jobs: Int { results.reduce(0) { $0 + $1.jobs.submitted } }
        public var events: Int { results.reduce(0) { $0 + $1.events } }
        /// Wall-clock time of the whole batch, in seconds.
        public var wallSeconds: Double
    }

    public static func run(_ scenario: Scenario, replications: Int, threads: Int) -> Outcome {
        let box = ResultBox(count: replications)
        let started = Date()
        let group = DispatchGroup()
        let next = NextIndex()
        for _ in 0..<max(1, threads) {
            let thread = Thread {
                while let index = next.take(limit: replications) {
                    var copy = scenario
                    copy.seed = StreamSeeds.replicationSeed(base: scenario.seed, replication: index)
                    box.store(Simulation(scenario: copy).run(), at: index)
                }
                group.leave()
            }
            group.enter()
            thread.start()
        }
        group.wait()
        return Outcome(results: box.results, wallSeconds: Date().timeIntervalSince(started))
    }

    /// Hands out replication numbers to threads.
    private final class NextIndex: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func take(limit: Int) -> Int? {
            lock.withLock {
                guard value < limit else { return nil }
                defer { value += 1 }
                return value
            }
        }
    }

    /// Collects results by index from several threads.
    private final class ResultBox: @unchecked Sendable {
        private let lock = NSLock()
        private var slots: [SimulationResult?]
        init(count: Int) { slots = Array(repeating: nil, count: count) }
        func store(_ result: SimulationResult, at index: Int) { lock.withLock { slots[index] = result } }
        var results: [SimulationResult] { lock.withLock { slots.compactMap { $0 } } }
    }
}
