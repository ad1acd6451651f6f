/// `--shard K/N`: the K-th (0-based, so a Kubernetes `JOB_COMPLETION_INDEX`
/// fits as is) of N deterministic slices of a sweep's runs. Run number `i`
/// belongs to shard `i mod N`, so every shard gets configurations and
/// replications from the whole grid.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    /// This slice, 0 ..< count.
    public var index: Int
    /// The number of slices.
    public var count: Int

    /// The whole sweep.
    public static let all = Shard(index: 0, count: 1)

    public init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// Parses `K/N` with 0 <= K < N.
    public init(parsing text: String) throws(PlanError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else {
            throw PlanError("--shard \(text): expected K/N, for example 0/4")
        }
        guard count >= 1, index >= 0, index < count else {
            throw PlanError("--shard \(text): K must be in 0 ..< N (0-based) and N >= 1")
        }
        self.init(index: index, count: count)
    }

    /// Whether run number `run` belongs to this shard.
    public func contains(_ run: Int) -> Bool { run % count == index }

    public var description: String { "\(index)/\(count)" }
}
