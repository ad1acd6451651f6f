import Foundation
import NommerCore

/// What a live driver fed its state machine and what the machine asked for,
/// in order: one entry per event. Replaying the events into a fresh machine
/// (built from the same settings, as the simulator builds it) must give the
/// same actions: the test that the live runtime decides nothing on its own.
public final class Transcript<Event: Sendable, Action: Sendable>: @unchecked Sendable {
    public struct Entry: Sendable {
        public let event: Event
        /// When the event was fed, in seconds.
        public let time: Seconds
        /// The actions the machine appended for this event.
        public let actions: [Action]
    }

    private let lock = NSLock()
    private var storage: [Entry] = []

    public init() {}

    func record(_ event: Event, at time: Seconds, actions: ArraySlice<Action>) {
        lock.withLock { storage.append(Entry(event: event, time: time, actions: Array(actions))) }
    }

    /// The entries so far.
    public var entries: [Entry] { lock.withLock { storage } }
}

public typealias FeederTranscript = Transcript<FeederEvent, FeederAction>
public typealias WorkerTranscript = Transcript<WorkerEvent, WorkerAction>
