import Foundation
import NommerConfig
import NommerCore
import Testing
@testable import NommerSim

@Suite("RandomStream and StreamSeeds")
struct RandomStreamTests {
    @Test func sameSeedGivesIdenticalSequences() {
        let a = RandomStream(seed: 42)
        let b = RandomStream(seed: 42)
        let xs = (0..<1000).map { _ in a.uniform() }
        let ys = (0..<1000).map { _ in b.uniform() }
        #expect(xs == ys)
        let sampler = DurationSampler(.lognormal(median: 60, sigma: 0.8))
        #expect((0..<100).map { _ in sampler.sample(a) } == (0..<100).map { _ in sampler.sample(b) })
    }

    @Test func differentSeedsGiveDifferentSequences() {
        let a = RandomStream(seed: 1)
        let b = RandomStream(seed: 2)
        #expect((0..<10).map { _ in a.uniform() } != (0..<10).map { _ in b.uniform() })
        // GSL's mt19937 only uses 32 bits of its seed; the high half is folded in.
        let c = RandomStream(seed: 7)
        let d = RandomStream(seed: 7 | (1 << 40))
        #expect((0..<10).map { _ in c.uniform() } != (0..<10).map { _ in d.uniform() })
    }

    @Test func uniformIsInOpenUnitInterval() {
        let stream = RandomStream(seed: 3)
        var sum = 0.0
        var allInside = true
        for _ in 0..<100_000 {
            let u = stream.uniform()
            allInside = allInside && u > 0 && u < 1
            sum += u
        }
        #expect(allInside)
        #expect(abs(sum / 100_000 - 0.5) < 0.005)
    }

    @Test func bernoulliFrequencyAndEdges() {
        let stream = RandomStream(seed: 4)
        let n = 100_000
        let hits = (0..<n).filter { _ in stream.bernoulli(0.3) }.count
        #expect(abs(Double(hits) / Double(n) - 0.3) < 0.006)  // sd ~0.0014
        #expect((0..<1000).allSatisfy { _ in !stream.bernoulli(0) })
        #expect((0..<1000).allSatisfy { _ in stream.bernoulli(1) })
    }

    @Test func streamNamesGiveDistinctSeeds() {
        let names = ["arrivals", "download", "encode", "upload", "outcomes", "boot", "failures", "duplicates"]
        let seeds = names.map { StreamSeeds.seed(base: 12345, stream: $0) }
        #expect(Set(seeds).count == names.count)
        #expect(StreamSeeds.seed(base: 1, stream: "arrivals") != StreamSeeds.seed(base: 2, stream: "arrivals"))
        #expect(StreamSeeds.seed(base: 12345, stream: "encode") == StreamSeeds.seed(base: 12345, stream: "encode"))
    }

    /// Pinned values: if these change, every recorded run's random numbers change.
    @Test func seedDerivationIsStable() {
        #expect(StreamSeeds.fnv1a64("") == 0xCBF2_9CE4_8422_2325)
        #expect(StreamSeeds.fnv1a64("a") == 0xAF63_DC4C_8601_EC8C)  // published FNV-1a 64 test vector
        #expect(StreamSeeds.splitMix64(0) == 0xE220_A839_7B1D_CDAF)  // first SplitMix64 output from state 0
        #expect(StreamSeeds.seed(base: 20_240_601, stream: "arrivals") == 0xA99F_DE45_417D_0B89)
        #expect(StreamSeeds.replicationSeed(base: 0, replication: 0) == 0xE220_A839_7B1D_CDAF)
        #expect(StreamSeeds.replicationSeed(base: 0, replication: 1) == 0x6E78_9E6A_A1B9_65F4)
        #expect(StreamSeeds.replicationSeed(base: 20_240_601, replication: 3) == 0xD440_E7F3_380B_43FC)
    }

    @Test func replicationSeedsAreDistinct() {
        let seeds = (0..<1000).map { StreamSeeds.replicationSeed(base: 99, replication: $0) }
        #expect(Set(seeds).count == 1000)
    }
}

@Suite("DurationSampler")
struct DurationSamplerTests {
    static let n = 200_000

    static func sampleMean(_ spec: DistributionSpec, seed: UInt64) -> Double {
        let sampler = DurationSampler(spec)
        let stream = RandomStream(seed: seed)
        var sum = 0.0
        for _ in 0..<n { sum += sampler.sample(stream) }
        return sum / Double(n)
    }

    /// Relative tolerance 1.5%: the coefficients of variation below are at most
    /// ~1.3, so the standard error of the mean of 200,000 draws is under 0.3%.
    @Test(arguments: [
        DistributionSpec.exponential(mean: 90),
        .lognormal(median: 120, sigma: 1.0),
        .gamma(shape: 2.0, scale: 45),
        .gamma(shape: 0.5, scale: 10),
        .weibull(shape: 1.5, scale: 300),
        .weibull(shape: 0.8, scale: 60),
    ])
    func sampleMeanMatchesSpec(_ spec: DistributionSpec) {
        let mean = Self.sampleMean(spec, seed: 2024)
        #expect(abs(mean / spec.mean - 1) < 0.015, "\(spec): sample mean \(mean), expected \(spec.mean)")
    }

    @Test func constantIsConstant() {
        let sampler = DurationSampler(.constant(value: 17.5))
        let stream = RandomStream(seed: 5)
        #expect((0..<100).allSatisfy { _ in sampler.sample(stream) == 17.5 })
    }

    @Test func lognormalMedian() {
        let sampler = DurationSampler(.lognormal(median: 75, sigma: 1.2))
        let stream = RandomStream(seed: 6)
        let below = (0..<Self.n).filter { _ in sampler.sample(stream) < 75 }.count
        #expect(abs(Double(below) / Double(Self.n) - 0.5) < 0.005)  // sd ~0.0011
    }

    /// P(X <= scale) = 1 - 1/e for every shape: catches swapped GSL parameters.
    @Test func weibullScaleQuantile() {
        let sampler = DurationSampler(.weibull(shape: 3, scale: 200))
        let stream = RandomStream(seed: 7)
        let below = (0..<Self.n).filter { _ in sampler.sample(stream) <= 200 }.count
        #expect(abs(Double(below) / Double(Self.n) - (1 - exp(-1))) < 0.005)
    }

    @Test func samplesAreNonNegative() {
        let stream = RandomStream(seed: 8)
        for spec in [DistributionSpec.exponential(mean: 1), .lognormal(median: 1, sigma: 2),
                     .gamma(shape: 0.3, scale: 1), .weibull(shape: 0.5, scale: 1)] {
            let sampler = DurationSampler(spec)
            #expect((0..<10_000).allSatisfy { _ in sampler.sample(stream) >= 0 })
        }
    }
}

@Suite("ArrivalGenerator")
struct ArrivalGeneratorTests {
    /// All arrival times in [0, horizon) seconds, and whether each was strictly after the last.
    static func arrivals(_ spec: ArrivalSpec, horizon: Seconds, seed: UInt64) -> (times: [Seconds], increasing: Bool) {
        var generator = ArrivalGenerator(spec)
        let stream = RandomStream(seed: seed)
        var times: [Seconds] = []
        var increasing = true
        var t: Seconds = 0
        while let next = generator.nextArrival(after: t, stream), next < horizon {
            increasing = increasing && next > t
            times.append(next)
            t = next
        }
        return (times, increasing)
    }

    @Test func poissonCountMatchesRate() {
        // 3600/h for 30 h: 108,000 expected, sd ~330 (0.3%).
        let (times, increasing) = Self.arrivals(.poisson(ratePerHour: 3600), horizon: 30 * 3600, seed: 11)
        #expect(increasing)
        #expect(abs(Double(times.count) / 108_000 - 1) < 0.03)
    }

    @Test func zeroRateGivesNoArrivals() {
        let stream = RandomStream(seed: 12)
        var poisson = ArrivalGenerator(.poisson(ratePerHour: 0))
        #expect(poisson.nextArrival(after: 0, stream) == nil)
        var diurnal = ArrivalGenerator(.diurnal(meanRatePerHour: 0, amplitude: 0.5, peakHour: 12))
        #expect(diurnal.nextArrival(after: 100, stream) == nil)
        var bursts = ArrivalGenerator(.bursts(baseRatePerHour: 0, bursts: []))
        #expect(bursts.nextArrival(after: 0, stream) == nil)
    }

    @Test func burstsWithoutABaseRateEndAfterTheLastBurst() {
        // Base 0, one burst that does not repeat: about 10 arrivals in hour 1,
        // then none ever (the generator says so instead of searching forever).
        let spec = ArrivalSpec.bursts(baseRatePerHour: 0, bursts: [.init(atHour: 1, durationMinutes: 60, ratePerHour: 10)])
        #expect(spec.arrivalsEndAt == 7200)
        let (times, increasing) = Self.arrivals(spec, horizon: .infinity, seed: 5)
        #expect(increasing)
        #expect(!times.isEmpty && times.allSatisfy { $0 >= 3600 && $0 < 7200 })
        var generator = ArrivalGenerator(spec)
        #expect(generator.nextArrival(after: 7200, RandomStream(seed: 6)) == nil)
        // A repeating burst or a base rate keeps arrivals coming.
        #expect(ArrivalSpec.bursts(baseRatePerHour: 0, bursts: [.init(atHour: 1, durationMinutes: 60, ratePerHour: 10,
                                                                       everyHours: 24)]).arrivalsEndAt == nil)
        #expect(ArrivalSpec.bursts(baseRatePerHour: 1, bursts: [.init(atHour: 1, durationMinutes: 60, ratePerHour: 10)])
            .arrivalsEndAt == nil)
    }

    @Test func hourlyCountsFollowEachHoursRate() {
        // Two peaks and empty night hours, over 200 days: each hour's count is
        // Poisson with mean rate x 200; allow 5 standard deviations.
        let rates: [Double] = [0, 0, 0, 0, 0, 0, 0, 5, 60, 40, 10, 10, 20, 10, 10, 10, 20, 50, 80, 30, 10, 0, 0, 2]
        let days = 200.0
        let (times, increasing) = Self.arrivals(.hourly(ratesPerHour: rates), horizon: days * 86_400, seed: 21)
        #expect(increasing)
        var counts = [Double](repeating: 0, count: 24)
        for time in times { counts[Int((time / 3600).truncatingRemainder(dividingBy: 24))] += 1 }
        for hour in 0..<24 {
            let expected = rates[hour] * days
            #expect(abs(counts[hour] - expected) <= 5 * expected.squareRoot(), "hour \(hour): \(counts[hour]) vs \(expected)")
        }
    }

    @Test func diurnalPeakToTroughRatio() {
        let amplitude = 0.5
        let spec = ArrivalSpec.diurnal(meanRatePerHour: 600, amplitude: amplitude, peakHour: 14)
        let days = 30.0
        let (times, increasing) = Self.arrivals(spec, horizon: days * 86_400, seed: 13)
        #expect(increasing)
        // Hour-long windows centred on the peak (14:00) and trough (02:00).
        func count(around hour: Double) -> Int {
            times.filter {
                let h = ($0 / 3600).truncatingRemainder(dividingBy: 24)
                return abs(h - hour) < 0.5
            }.count
        }
        let peak = Double(count(around: 14))
        let trough = Double(count(around: 2))
        // The mean of cos over a one-hour window centred on its extremum is sin(x)/x, x = pi/24.
        let x = Double.pi / 24
        let a = amplitude * sin(x) / x
        let expected = (1 + a) / (1 - a)  // ~2.99
        // peak ~27,000 and trough ~9,000 arrivals: ratio sd ~0.04.
        #expect(abs(peak / trough - expected) < 0.15, "peak \(peak), trough \(trough)")
        #expect(abs(Double(times.count) / (600 * 24 * days) - 1) < 0.03)
    }

    @Test func burstsRaiseTheRateInsideTheWindow() {
        // Base 100/h; 30-minute bursts at 1000/h starting at hour 1, every 4 hours.
        let spec = ArrivalSpec.bursts(
            baseRatePerHour: 100,
            bursts: [.init(atHour: 1, durationMinutes: 30, ratePerHour: 1000, everyHours: 4)]
        )
        let hours = 100.0
        let (times, increasing) = Self.arrivals(spec, horizon: hours * 3600, seed: 14)
        #expect(increasing)
        let inside = times.filter { spec.ratePerHour(at: $0) == 1000 }.count
        let outside = times.count - inside
        let burstHours = 25 * 0.5  // 25 windows of half an hour in 100 hours
        let insideRate = Double(inside) / burstHours  // ~1000/h, 12,500 arrivals
        let outsideRate = Double(outside) / (hours - burstHours)  // ~100/h, 8,750 arrivals
        #expect(abs(insideRate / 1000 - 1) < 0.05, "inside \(insideRate)/h")
        #expect(abs(outsideRate / 100 - 1) < 0.05, "outside \(outsideRate)/h")
    }
}
