import CGSL
import NommerCore

/// One independent stream of pseudo-random numbers: a GSL Mersenne Twister
/// (`gsl_rng_mt19937`) owned by exactly one source of randomness in a run
/// (arrivals, download times, failures, ...).
///
/// Not thread-safe: every draw advances the generator's internal state.
/// A stream must never be shared between threads or tasks; each simulation
/// run creates and owns its own streams (see ``StreamSeeds``). For that
/// reason the class is deliberately not `Sendable`.
public final class RandomStream {
    /// The GSL generator. Owned: allocated in `init`, freed in `deinit`.
    let rng: UnsafeMutablePointer<gsl_rng>

    /// Turns off GSL's default error handler (which aborts the process) the
    /// first time any stream is created. A `static let` is initialised once,
    /// lazily and thread-safely, so this is safe under Swift 6 concurrency.
    private static let gslAbortDisabled: Void = nommer_gsl_disable_abort()

    /// Creates a stream seeded with `seed` (use ``StreamSeeds`` to derive one).
    ///
    /// GSL's mt19937 seeds from only the low 32 bits of its `unsigned long`
    /// seed (and treats 0 as its default seed, 4357), so the high 32 bits are
    /// folded into the low 32 bits first: seeds that differ only in their
    /// high half still give different streams.
    public init(seed: UInt64) {
        _ = Self.gslAbortDisabled
        guard let rng = gsl_rng_alloc(nommer_gsl_rng_mt19937()) else {
            fatalError("gsl_rng_alloc failed: out of memory")
        }
        self.rng = rng
        let folded = (seed ^ (seed >> 32)) & 0xFFFF_FFFF
        gsl_rng_set(rng, UInt(truncatingIfNeeded: folded))
    }

    deinit {
        gsl_rng_free(rng)
    }

    /// A uniform draw from the open interval (0, 1) (dimensionless).
    public func uniform() -> Double {
        gsl_rng_uniform_pos(rng)
    }

    /// `true` with probability `p` (dimensionless, clamped to [0, 1]):
    /// `p <= 0` never, `p >= 1` always.
    public func bernoulli(_ p: Double) -> Bool {
        uniform() < p
    }

    /// An exponential draw with the given mean, in the mean's unit
    /// (seconds when `mean` is in seconds). `mean` must be >= 0.
    public func exponential(mean: Double) -> Double {
        gsl_ran_exponential(rng, mean)
    }
}
