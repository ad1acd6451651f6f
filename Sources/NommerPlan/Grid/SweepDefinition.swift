import Foundation

/// Everything that decides a sweep's results: the base scenario's text, the
/// `--set` overrides, the seed, the grid and the number of replications.
/// Shards of one sweep share it (and so its ``fingerprint``); `merge`
/// refuses parts whose fingerprints differ.
public struct SweepDefinition: Sendable, Codable, Equatable {
    /// The scenario file as named on the command line (not part of the fingerprint).
    public var scenarioFile: String
    /// The scenario file's text.
    public var scenarioText: String
    /// `--set path=value` overrides applied to every configuration, in order.
    public var setOverrides: [String]
    /// `--seed`, replacing the file's base seed, if given.
    public var seed: UInt64?
    /// The grid's axes, in the order given; the last varies fastest.
    public var axes: [SweepAxis]
    /// Replications per configuration (>= 1).
    public var replications: Int
    /// Seconds between time-series samples; nil: the scenario's, or 300 when it sets none.
    public var sampleIntervalSeconds: Double?
    /// For a `replay --db`: the trace replayed and its load scale
    /// (`trace.csv x1.5`); nil for a sweep. Part of the fingerprint.
    public var replayOf: String?

    public init(scenarioFile: String, scenarioText: String, setOverrides: [String] = [], seed: UInt64? = nil,
                axes: [SweepAxis], replications: Int, sampleIntervalSeconds: Double? = nil, replayOf: String? = nil) {
        self.scenarioFile = scenarioFile
        self.scenarioText = scenarioText
        self.setOverrides = setOverrides
        self.seed = seed
        self.axes = axes
        self.replications = replications
        self.sampleIntervalSeconds = sampleIntervalSeconds
        self.replayOf = replayOf
    }

    /// Reads the scenario file and builds the definition.
    public static func load(file: String, setOverrides: [String] = [], seed: UInt64? = nil, vary: [String],
                            replications: Int, sampleIntervalSeconds: Double? = nil) throws(PlanError) -> SweepDefinition {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory), isDirectory.boolValue {
            throw PlanError("\(file): cannot read the scenario file: \(file) is a directory")
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw PlanError("\(file): cannot read the scenario file")
        }
        var axes: [SweepAxis] = []
        for text in vary { axes.append(try SweepAxis(parsing: text)) }
        return SweepDefinition(scenarioFile: file, scenarioText: String(decoding: data, as: UTF8.self),
                               setOverrides: setOverrides, seed: seed, axes: axes, replications: replications,
                               sampleIntervalSeconds: sampleIntervalSeconds)
    }

    /// A stable identity of what the sweep computes: FNV-1a (64-bit, hex)
    /// over the canonical JSON of every field but the file's name.
    public var fingerprint: String {
        var copy = self
        copy.scenarioFile = ""
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let bytes = (try? encoder.encode(copy)) ?? Data()
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// Which value of each axis configuration `index` takes: the grid is
    /// numbered with the last axis varying fastest.
    public func picks(ofConfiguration index: Int) -> [Int] {
        var rest = index
        var picks = Array(repeating: 0, count: axes.count)
        for axis in axes.indices.reversed() {
            picks[axis] = rest % axes[axis].values.count
            rest /= axes[axis].values.count
        }
        return picks
    }

    /// The key and value of each axis in configuration `index`.
    public func parameters(ofConfiguration index: Int) -> [SweepParameter] {
        zip(axes, picks(ofConfiguration: index)).map { SweepParameter(key: $0.key, value: $0.values[$1]) }
    }
}
