/// Deterministic derivation of seeds for the independent random streams of a
/// simulation run.
///
/// Each source of randomness gets its own named ``RandomStream``; the
/// simulator uses "arrivals", "download", "encode", "upload", "outcomes",
/// "boot", "failures" and "duplicates". Because every source draws only from
/// its own stream, changing how one source consumes random numbers (or
/// adding a new stream) does not shift the numbers any other source sees,
/// which keeps runs comparable across model changes (common random numbers).
///
/// The derivation is stable across processes, platforms and Swift versions:
/// it uses FNV-1a (64-bit) over the UTF-8 bytes of the stream name, never
/// Swift's `hashValue` (which is randomly seeded per process), mixed with the
/// base seed through the SplitMix64 finaliser.
public enum StreamSeeds {
    /// The seed (an opaque 64-bit value) for the stream named `stream` in a
    /// run whose base seed is `base`. Same inputs, same output, always.
    public static func seed(base: UInt64, stream: String) -> UInt64 {
        splitMix64(splitMix64(base) ^ fnv1a64(stream))
    }

    /// The base seed (an opaque 64-bit value) of replication number
    /// `replication` (0, 1, 2, ...) of an experiment whose base seed is
    /// `base`: the `replication + 1`-th output of a SplitMix64 generator
    /// started at `base`. `replication` must be >= 0.
    public static func replicationSeed(base: UInt64, replication: Int) -> UInt64 {
        precondition(replication >= 0, "replication must be >= 0, got \(replication)")
        let state = base &+ (UInt64(replication) &+ 1) &* splitMixGamma
        return splitMix64Finalize(state)
    }

    /// SplitMix64's increment, the odd integer closest to 2^64 / phi.
    static let splitMixGamma: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// One SplitMix64 step from state `x`: advance by the gamma, then finalise.
    static func splitMix64(_ x: UInt64) -> UInt64 {
        splitMix64Finalize(x &+ splitMixGamma)
    }

    /// SplitMix64's output function (a bijective 64-bit mixer).
    static func splitMix64Finalize(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// FNV-1a, 64-bit, over the UTF-8 bytes of `string`.
    static func fnv1a64(_ string: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in string.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }
}
