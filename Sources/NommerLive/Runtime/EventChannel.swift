/// A driver's inbox: timers, finished receives and finished phases post
/// here, and one loop takes them in order, so the state machine sees one
/// event at a time and every action of an event is carried out before the next.
final class EventChannel<Input: Sendable>: Sendable {
    let stream: AsyncStream<Input>
    private let continuation: AsyncStream<Input>.Continuation

    init() {
        (stream, continuation) = AsyncStream.makeStream(of: Input.self)
    }

    func post(_ input: Input) { continuation.yield(input) }

    func finish() { continuation.finish() }
}
