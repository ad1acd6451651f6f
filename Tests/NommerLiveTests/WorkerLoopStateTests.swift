import Foundation
import NommerCore
import Testing
@testable import NommerLive

/// How the worker loop stops listening to a receive: cancelled, or (for a
/// queue whose cancelled receives may still take messages, SQS) left to
/// finish and awaited before the worker exits.
@Suite("WorkerLoopState receives")
struct WorkerLoopStateTests {
    /// A receive that runs until cancelled, or for at most 30 s.
    private func longReceive() -> Task<Void, Never> {
        Task { try? await Task.sleep(for: .seconds(30)) }
    }

    @Test("a queue whose cancelled receives are harmless has its receive cancelled")
    func cancels() async {
        let state = WorkerLoopState(machine: WorkerStateMachine(), cancelsReceives: true)
        let receive = longReceive()
        let token = state.beginReceive()
        state.setReceiveTask(receive)
        state.cancelReceive()
        #expect(receive.isCancelled)
        #expect(state.receiveToken != token)
        #expect(state.cancelAll().isEmpty)
    }

    @Test("an SQS-like queue's receive is left to finish, and awaited at exit")
    func outlives() async {
        let sqs = WorkerLoopState(machine: WorkerStateMachine(), cancelsReceives: false)
        let first = longReceive()
        let token = sqs.beginReceive()
        sqs.setReceiveTask(first)
        sqs.cancelReceive()
        #expect(!first.isCancelled)
        #expect(sqs.receiveToken != token) // what it returns is handed back, not given to the machine
        let second = longReceive()
        _ = sqs.beginReceive()
        sqs.setReceiveTask(second)
        let running = sqs.cancelAll()
        #expect(running.count == 2)
        #expect(!first.isCancelled && !second.isCancelled)
        first.cancel()
        second.cancel()
    }
}
