import NIOConcurrencyHelpers
@testable import NommerAWS

/// SplitMix64: a small seeded generator for the retry jitter in tests.
final class SeededUniform: Sendable {
    private let state: NIOLockedValueBox<UInt64>
    init(seed: UInt64) { state = NIOLockedValueBox(seed) }
    func next() -> Double {
        state.withLockedValue { state in
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            return Double(z >> 11) / Double(UInt64(1) << 53)
        }
    }
}

/// A clock tests move by hand.
final class ManualClock: Sendable {
    private let seconds: NIOLockedValueBox<Int64>
    init(_ start: Int64) { seconds = NIOLockedValueBox(start) }
    func now() -> AWSTimestamp { AWSTimestamp(secondsSince1970: seconds.withLockedValue { $0 }) }
    func advance(_ by: Int64) { seconds.withLockedValue { $0 += by } }
}

/// Records the waits a client asked for instead of sleeping.
final class SleepRecorder: Sendable {
    private let box = NIOLockedValueBox<[Double]>([])
    var delays: [Double] { box.withLockedValue { $0 } }
    func record(_ seconds: Double) { box.withLockedValue { $0.append(seconds) } }
}

let testCredentials = AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
