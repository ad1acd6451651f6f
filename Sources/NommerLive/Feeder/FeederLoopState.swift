import Foundation
import NommerCore

/// The feeder loop's mutable state: the machine and the timer tasks. Only
/// the loop changes the machine; the lock makes reads from other tasks
/// (metrics, ``LiveFeeder/unfinishedJobs``) safe.
final class FeederLoopState: @unchecked Sendable {
    private let lock = NSLock()
    private var _machine: FeederStateMachine
    private var timers: [FeederTimer: Task<Void, Never>] = [:]

    init(machine: FeederStateMachine) { _machine = machine }

    var machine: FeederStateMachine { lock.withLock { _machine } }

    func withMachine<T>(_ body: (inout FeederStateMachine) -> T) -> T {
        lock.withLock { body(&_machine) }
    }

    /// Posts `timer` to `channel` when `clock` reaches `at` (replacing the
    /// timer's previous task).
    func schedule(_ timer: FeederTimer, at: Seconds, clock: any LiveClock,
                  channel: EventChannel<LiveFeeder.Input>) {
        let task = Task {
            await sleepUntil(at, clock: clock)
            guard !Task.isCancelled else { return }
            channel.post(.timer(timer, at: at))
        }
        lock.withLock {
            timers[timer]?.cancel()
            timers[timer] = task
        }
    }

    func cancelTimers() {
        lock.withLock {
            for task in timers.values { task.cancel() }
            timers.removeAll()
        }
    }
}

/// Sleeps until `clock` reads at least `time` (returns early if cancelled).
func sleepUntil(_ time: Seconds, clock: any LiveClock) async {
    while !Task.isCancelled {
        let left = time - clock.now()
        if left <= 0 { return }
        try? await Task.sleep(nanoseconds: UInt64(min(left, 3600) * 1e9))
    }
}
