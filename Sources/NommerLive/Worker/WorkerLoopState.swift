import Foundation
import NommerCore

/// The worker loop's mutable state: the machine, the outstanding receive
/// and the timer tasks. Only the loop changes the machine.
final class WorkerLoopState: @unchecked Sendable {
    private let lock = NSLock()
    private var _machine: WorkerStateMachine
    private var timers: [WorkerTimer: Task<Void, Never>] = [:]
    private var receiveTask: Task<Void, Never>?
    private var _receiveToken = 0
    private var reason = "idle"

    init(machine: WorkerStateMachine) { _machine = machine }

    var machine: WorkerStateMachine { lock.withLock { _machine } }

    func withMachine<T>(_ body: (inout WorkerStateMachine) -> T) -> T {
        lock.withLock { body(&_machine) }
    }

    var receiveToken: Int { lock.withLock { _receiveToken } }

    func beginReceive() -> Int { lock.withLock { _receiveToken += 1; return _receiveToken } }

    func setReceiveTask(_ task: Task<Void, Never>) { lock.withLock { receiveTask = task } }

    func receiveFinished() { lock.withLock { receiveTask = nil } }

    /// Cancels the outstanding receive; whatever it still returns is handed back.
    func cancelReceive() {
        lock.withLock {
            _receiveToken += 1
            receiveTask?.cancel()
            receiveTask = nil
        }
    }

    var terminationReason: String { lock.withLock { reason } }

    func setReason(_ text: String) { lock.withLock { reason = text } }

    func schedule(_ timer: WorkerTimer, at: Seconds, clock: any LiveClock, fire: @escaping @Sendable () -> Void) {
        let task = Task {
            await sleepUntil(at, clock: clock)
            guard !Task.isCancelled else { return }
            fire()
        }
        lock.withLock {
            timers[timer]?.cancel()
            timers[timer] = task
        }
    }

    /// Cancels every timer and the outstanding receive; returns the receive's
    /// task, to await (it hands back whatever it got after all).
    func cancelAll() -> Task<Void, Never>? {
        lock.withLock {
            for task in timers.values { task.cancel() }
            timers.removeAll()
            _receiveToken += 1
            let task = receiveTask
            task?.cancel()
            receiveTask = nil
            return task
        }
    }
}
