import NommerCore

extension Scenario {
    /// The core's feeder for this scenario: its feeder settings and a fresh
    /// policy under the fleet's limits. The simulator and feederd both build
    /// their feeder here, so a scenario tuned offline decides the same live.
    public func makeFeederStateMachine() -> FeederStateMachine {
        FeederStateMachine(settings: feeder, policy: policy.makePolicy(limits: fleetLimits))
    }

    /// The core's worker for one instance of this scenario.
    public func makeWorkerStateMachine() -> WorkerStateMachine {
        WorkerStateMachine(settings: worker)
    }
}
