import Foundation
import NommerCore

/// The worker loop's mutable state: the machine, the outstanding receive
/// and the timer tasks. Only the loop changes the machine.
final class WorkerLoopState: @unchecked Sendable {
    private let lock = NSLock()
    private var _machine: WorkerStateMachine
    private var timers: [WorkerTimer: Task<Void, Never>] = [:]
    private var receiveTask: Task<Void, Never>?
    /// Receives stopped listening to but left to finish (their messages are
    /// handed back when they end), awaited before the worker exits.
    private var outlivingReceives: [Task<Void, Never>] = []
    private var _receiveToken = 0
    private var reason = "idle"
    /// Whether a receive is cancelled when the worker stops listening, or
    /// left to finish (a queue whose cancelled receives may still take
    /// messages: ``JobQueue/cancelledReceiveMayTakeMessages``).
    let cancelsReceives: Bool

    init(machine: WorkerStateMachine, cancelsReceives: Bool = true) {
        _machine = machine
        self.cancelsReceives = cancelsReceives
    }

    var machine: WorkerStateMachine { lock.withLock { _machine } }

    func withMachine<T>(_ body: (inout WorkerStateMachine) -> T) -> T {
        lock.withLock { body(&_machine) }
    }

    var receiveToken: Int { lock.withLock { _receiveToken } }

    func beginReceive() -> Int { lock.withLock { _receiveToken += 1; return _receiveToken } }

    func setReceiveTask(_ task: Task<Void, Never>) { lock.withLock { receiveTask = task } }

    func receiveFinished() { lock.withLock { receiveTask = nil } }

    /// Stops listening to the outstanding receive: cancels it, or leaves it
    /// to finish; whatever it still returns is handed back.
    func cancelReceive() {
        lock.withLock { stopListening() }
    }

    /// With the lock held.
    private func stopListening() {
        _receiveToken += 1
        guard let task = receiveTask else { return }
        receiveTask = nil
        if cancelsReceives {
            task.cancel()
        } else {
            outlivingReceives.append(task)
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

    /// Cancels every timer and stops listening to the outstanding receive;
    /// returns the receives still running, to await (each hands back
    /// whatever it got).
    func cancelAll() -> [Task<Void, Never>] {
        lock.withLock {
            for task in timers.values { task.cancel() }
            timers.removeAll()
            let current = receiveTask
            stopListening()
            // A cancelled receive is awaited too: it ends at once and hands back what it got.
            let running = outlivingReceives + (cancelsReceives ? current.map { [$0] } ?? [] : [])
            outlivingReceives.removeAll()
            return running
        }
    }
}
