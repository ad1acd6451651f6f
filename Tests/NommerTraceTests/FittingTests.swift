import CGSL
import Foundation
import NommerConfig
import NommerCore
@testable import NommerSim
@testable import NommerTrace
import Testing

/// `count` draws from `spec` on a seeded stream.
func draws(_ spec: DistributionSpec, count: Int, seed: UInt64) -> [Double] {
    let sampler = DurationSampler(spec)
    let stream = RandomStream(seed: seed)
    return (0..<count).map { _ in sampler.sample(stream) }
}

/// The distribution's parameters, in the order of its case.
func parameters(_ spec: DistributionSpec?) -> [Double] {
    switch spec {
    case let .exponential(mean)?: return [mean]
    case let .lognormal(median, sigma)?: return [median, sigma]
    case let .gamma(shape, scale)?: return [shape, scale]
    case let .weibull(shape, scale)?: return [shape, scale]
    default: return []
    }
}

@Suite("fitting")
struct FittingTests {
    /// 20 000 seeded draws; every parameter within 3% of the truth (the
    /// standard errors at this size are about 1% or less).
    @Test("maximum likelihood recovers known parameters within 3%", arguments: [
        (DistributionFamily.exponential, DistributionSpec.exponential(mean: 120)),
        (.lognormal, .lognormal(median: 300, sigma: 0.8)),
        (.gamma, .gamma(shape: 2.5, scale: 90)),
        (.gamma, .gamma(shape: 0.6, scale: 400)),
        (.weibull, .weibull(shape: 1.7, scale: 500)),
        (.weibull, .weibull(shape: 0.8, scale: 60)),
    ])
    func recoversParameters(family: DistributionFamily, truth: DistributionSpec) throws {
        let sample = draws(truth, count: 20_000, seed: 11)
        let fitted = try #require(MaximumLikelihood.fit(family, sample))
        for (estimate, true_) in zip(parameters(fitted), parameters(truth)) {
            #expect(abs(estimate - true_) / true_ < 0.03, "\(fitted) vs \(truth)")
        }
    }

    @Test("AIC and KS pick the family the sample was drawn from", arguments: [
        DistributionSpec.lognormal(median: 300, sigma: 0.8),
        .gamma(shape: 3, scale: 100),
        .weibull(shape: 2, scale: 400),
    ])
    func picksTheTrueFamily(truth: DistributionSpec) throws {
        let sample = draws(truth, count: 20_000, seed: 5)
        for criterion in FitCriterion.allCases {
            let fit = SampleFit(sample, criterion: criterion)
            #expect(fit.chosen?.distribution?.name == truth.name, "\(criterion): \(fit.table(title: "x"))")
        }
    }

    @Test("log densities agree with GSL's densities")
    func logDensities() {
        let cases: [(DistributionSpec, (Double) -> Double)] = [
            (.exponential(mean: 120), { gsl_ran_exponential_pdf($0, 120) }),
            (.lognormal(median: 300, sigma: 0.8), { gsl_ran_lognormal_pdf($0, log(300), 0.8) }),
            (.gamma(shape: 2.5, scale: 90), { gsl_ran_gamma_pdf($0, 2.5, 90) }),
            (.weibull(shape: 1.7, scale: 500), { gsl_ran_weibull_pdf($0, 500, 1.7) }),
        ]
        for (spec, density) in cases {
            for x in [0.5, 30, 300, 2000] {
                #expect(abs(spec.logDensity(x) - log(density(x))) < 1e-9, "\(spec) at \(x)")
            }
        }
    }

    @Test("KS distance: small for the true distribution, large for a wrong one")
    func ksDistance() {
        let sample = draws(.exponential(mean: 100), count: 10_000, seed: 3).sorted()
        // sqrt(n) D is below 1.63 with probability 0.99 under the truth.
        #expect(SampleFit.ksDistance(sorted: sample, .exponential(mean: 100)) < 1.63 / 100)
        #expect(SampleFit.ksDistance(sorted: sample, .exponential(mean: 200)) > 0.2)
    }

    @Test("zeros are left out and counted; a constant sample fits no two-parameter family")
    func degenerateSamples() {
        let fit = SampleFit([0, 0, 5, 5, 5], criterion: .aic)
        #expect(fit.count == 3 && fit.zerosLeftOut == 2)
        #expect(fit.families.filter { $0.distribution != nil }.map(\.family) == [.exponential])
        #expect(fit.chosen?.family == .exponential)
        #expect(SampleFit([], criterion: .ks).chosen == nil)
    }
}

@Suite("hourly profile")
struct HourlyProfileTests {
    /// Arrival times from a generated process over `hours`.
    func arrivals(_ spec: ArrivalSpec, hours: Double, seed: UInt64) -> [Seconds] {
        var generator = ArrivalGenerator(spec)
        let stream = RandomStream(seed: seed)
        var times: [Seconds] = []
        var time: Seconds = 0
        while let next = generator.nextArrival(after: time, stream), next < hours * 3600 {
            times.append(next)
            time = next
        }
        return times
    }

    @Test("a flat Poisson stream over three days is not taken as diurnal")
    func flat() throws {
        let times = arrivals(.poisson(ratePerHour: 40), hours: 72, seed: 2)
        let profile = HourlyProfile(times: times, startSecondOfDay: 0, spanSeconds: times.last ?? 0)
        let p = try #require(profile.pValue)
        #expect(p >= HourlyProfile.significance)
        #expect(!profile.isDiurnal)
    }

    @Test("a diurnal stream is detected and its mean, amplitude and peak recovered")
    func diurnal() throws {
        let times = arrivals(.diurnal(meanRatePerHour: 60, amplitude: 0.6, peakHour: 9), hours: 24 * 7, seed: 4)
        let profile = HourlyProfile(times: times, startSecondOfDay: 0, spanSeconds: 24 * 7 * 3600)
        #expect(profile.isDiurnal)
        guard case let .diurnal(mean, amplitude, peak) = profile.diurnalFit else { Issue.record("not diurnal"); return }
        #expect(abs(mean - 60) / 60 < 0.03)
        #expect(abs(amplitude - 0.6) < 0.05)
        #expect(abs(peak - 9) < 0.5)
    }

    @Test("the sinusoid fits a diurnal stream, so the scenario keeps the diurnal process")
    func sinusoidFitsDiurnal() throws {
        let times = arrivals(.diurnal(meanRatePerHour: 60, amplitude: 0.6, peakHour: 9), hours: 24 * 14, seed: 5)
        let profile = HourlyProfile(times: times, startSecondOfDay: 0, spanSeconds: 24 * 14 * 3600)
        #expect(profile.isDiurnal)
        let p = try #require(profile.sinusoidPValue)
        #expect(p >= HourlyProfile.significance)
        guard case .diurnal = profile.dailyFit else { Issue.record("\(profile.dailyFit)"); return }
    }

    @Test("a two-peak day is not flat, the sinusoid does not fit it, and the hourly rates are recovered")
    func twoPeaksBecomeHourly() throws {
        let rates: [Double] = [2, 2, 2, 2, 2, 2, 5, 20, 60, 40, 15, 10, 10, 10, 10, 15, 30, 70, 50, 20, 10, 5, 2, 2]
        let times = arrivals(.hourly(ratesPerHour: rates), hours: 24 * 14, seed: 6)
        let profile = HourlyProfile(times: times, startSecondOfDay: 0, spanSeconds: 24 * 14 * 3600)
        #expect(profile.isDiurnal)
        let p = try #require(profile.sinusoidPValue)
        #expect(p < HourlyProfile.significance)
        #expect(!profile.sinusoidFits)
        guard case let .hourly(fitted) = profile.dailyFit else { Issue.record("\(profile.dailyFit)"); return }
        #expect(fitted.count == 24)
        for hour in 0..<24 {
            // 14 days: each hour's rate estimate has a standard error of sqrt(rate / 14).
            #expect(abs(fitted[hour] - rates[hour]) <= 5 * (rates[hour] / 14).squareRoot(), "hour \(hour)")
        }
        #expect(profile.summary.contains("does not fit the hourly counts"))
    }

    @Test("a timestamped trace's hours are its clock's: a start at 06:00 shifts the peak")
    func startOfDay() throws {
        let times = arrivals(.diurnal(meanRatePerHour: 60, amplitude: 0.8, peakHour: 14), hours: 24 * 5, seed: 9)
        let profile = HourlyProfile(times: times, startSecondOfDay: 6 * 3600, spanSeconds: 24 * 5 * 3600)
        guard case let .diurnal(_, _, peak) = profile.diurnalFit else { Issue.record("not diurnal"); return }
        #expect(abs(peak - 20) < 0.5)
    }

    @Test("exposure counts each hour of day the span covers, and short traces are not tested")
    func exposure() {
        let exposure = HourlyProfile.exposure(from: 22.5 * 3600, length: 26 * 3600)
        #expect(exposure[22] == 3600 + 1800)
        #expect(exposure[23] == 7200)
        #expect(exposure[0] == 3600 + 1800)
        #expect(exposure[1] == 3600)
        #expect(exposure.reduce(0, +) == 26 * 3600)
        let short = HourlyProfile(times: [1, 2, 3], startSecondOfDay: 0, spanSeconds: 3600)
        #expect(short.pValue == nil && !short.isDiurnal)
    }
}

@Suite("fit to scenario")
struct FitScenarioTests {
    @Test("the sample trace's fit finds its truth, and the scenario written loads and runs")
    func sampleFit() throws {
        let trace = try sampleTrace()
        let fit = TraceFit(trace)
        #expect(fit.encode?.chosen?.family == .lognormal)
        guard case let .diurnal(mean, amplitude, peak)? = fit.arrivals else { Issue.record("\(String(describing: fit.arrivals))"); return }
        #expect(abs(mean - 30) < 2)
        #expect(abs(amplitude - 0.8) < 0.1)
        #expect(abs(peak - 14) < 1)
        let yaml = FittedScenarioWriter.yaml(fit, name: "fitted", traceFile: "sample.csv")
        let scenario = try ScenarioLoader.parse(yaml: yaml, file: "fitted.yaml")
        #expect(sameToSevenDigits(scenario.workload.arrivals, fit.arrivals))
        #expect(scenario.horizon == .hours(72))
        let result = Simulation(scenario: scenario).run()
        #expect(result.jobs.submitted > 1800 && result.jobs.submitted < 2500)
        #expect(result.jobs.unfinished == 0)
    }

    @Test("a stationary trace with non-exponential gaps becomes a renewal process that loads and runs")
    func renewal() throws {
        var time = 0.0
        let gaps = draws(.gamma(shape: 3, scale: 40), count: 3000, seed: 8)
        let records = gaps.enumerated().map { index, gap in
            time += gap
            return TraceRecord(line: index + 2, submittedAt: time)
        }
        let fit = TraceFit(Trace(file: "t.csv", records: records))
        #expect(!fit.profile.isDiurnal)
        guard case let .renewal(.gamma(shape, scale))? = fit.arrivals else { Issue.record("\(String(describing: fit.arrivals))"); return }
        #expect(abs(shape - 3) < 0.3 && abs(scale - 40) < 4)
        let scenario = try ScenarioLoader.parse(yaml: FittedScenarioWriter.yaml(fit, name: "r", traceFile: "t.csv"),
                                                file: "r.yaml")
        #expect(sameToSevenDigits(scenario.workload.arrivals, fit.arrivals))
        let result = Simulation(scenario: scenario).run()
        // 3000 gaps of mean 120 s over ceil(span) hours.
        #expect(abs(Double(result.jobs.submitted) - 3000) < 150)
    }

    @Test("a two-peak trace's scenario gets the hourly rates, loads and runs")
    func hourlyScenario() throws {
        let rates: [Double] = [2, 2, 2, 2, 2, 2, 5, 20, 60, 40, 15, 10, 10, 10, 10, 15, 30, 70, 50, 20, 10, 5, 2, 2]
        let times = HourlyProfileTests().arrivals(.hourly(ratesPerHour: rates), hours: 24 * 14, seed: 7)
        let records = times.enumerated().map { TraceRecord(line: $0 + 2, submittedAt: $1) }
        let fit = TraceFit(Trace(file: "t.csv", records: records))
        guard case .hourly? = fit.arrivals else { Issue.record("\(String(describing: fit.arrivals))"); return }
        let yaml = FittedScenarioWriter.yaml(fit, name: "h", traceFile: "t.csv")
        #expect(yaml.contains("process: hourly"))
        let scenario = try ScenarioLoader.parse(yaml: yaml, file: "h.yaml")
        #expect(sameToSevenDigits(scenario.workload.arrivals, fit.arrivals))
        let result = Simulation(scenario: scenario).run()
        // About as many jobs as the trace over its span (Poisson: sd ~ 2%).
        #expect(abs(Double(result.jobs.submitted) / Double(times.count) - 1) < 0.1)
    }

    @Test("download and upload times are fitted and written when the trace has them, and only then")
    func transferFits() throws {
        let downloads = draws(.lognormal(median: 20, sigma: 0.5), count: 2000, seed: 11)
        let uploads = draws(.gamma(shape: 2, scale: 5), count: 2000, seed: 12)
        let records = (0..<2000).map { index in
            TraceRecord(line: index + 2, submittedAt: Double(index) * 60, encodeSeconds: 100,
                        downloadSeconds: downloads[index], uploadSeconds: uploads[index])
        }
        let fit = TraceFit(Trace(file: "t.csv", records: records))
        guard case let .lognormal(median, sigma)? = fit.download?.chosen?.distribution else {
            Issue.record("\(String(describing: fit.download?.chosen))"); return
        }
        #expect(abs(median - 20) / 20 < 0.05 && abs(sigma - 0.5) < 0.05)
        guard case let .gamma(shape, scale)? = fit.upload?.chosen?.distribution else {
            Issue.record("\(String(describing: fit.upload?.chosen))"); return
        }
        #expect(abs(shape - 2) < 0.2 && abs(scale - 5) < 0.5)
        let scenario = try ScenarioLoader.parse(yaml: FittedScenarioWriter.yaml(fit, name: "t", traceFile: "t.csv"),
                                                file: "t.yaml")
        // Written with 7 significant digits.
        func sameTo7Digits(_ a: DistributionSpec, _ b: DistributionSpec?) -> Bool {
            a.name == b?.name && parameters(a).count == parameters(b).count
                && zip(parameters(a), parameters(b)).allSatisfy { abs($0 - $1) <= 1e-6 * abs($1) }
        }
        #expect(sameTo7Digits(scenario.workload.downloadSeconds, fit.download?.chosen?.distribution))
        #expect(sameTo7Digits(scenario.workload.uploadSeconds, fit.upload?.chosen?.distribution))

        let plain = TraceFit(Trace(file: "t.csv", records: records.map {
            TraceRecord(line: $0.line, submittedAt: $0.submittedAt, encodeSeconds: $0.encodeSeconds)
        }))
        #expect(plain.download == nil && plain.upload == nil)
        let yaml = FittedScenarioWriter.yaml(plain, name: "t", traceFile: "t.csv")
        #expect(!yaml.contains("download_seconds") && !yaml.contains("upload_seconds"))
    }

    @Test("numbers are written with 7 significant digits: plain decimals, an exponent only when far from 1")
    func numbers() throws {
        #expect(FittedScenarioWriter.number(1234567.891) == "1234568")
        #expect(FittedScenarioWriter.number(0.000012345678) == "0.00001234568")
        #expect(FittedScenarioWriter.number(29.925341) == "29.92534")
        #expect(FittedScenarioWriter.number(72) == "72")
        #expect(FittedScenarioWriter.number(0) == "0")
        #expect(FittedScenarioWriter.number(12345678.4) == "12345680")
        #expect(FittedScenarioWriter.number(-2.5) == "-2.5")
        #expect(FittedScenarioWriter.number(1e15) == "1000000000000000")
        #expect(FittedScenarioWriter.number(1e16) == "1.0e+16")
        #expect(FittedScenarioWriter.number(3.6e303) == "3.6e+303")
        #expect(FittedScenarioWriter.number(1.794e-33) == "1.794e-33")
        #expect(FittedScenarioWriter.number(1.23456789e-11) == "1.234568e-11")
        #expect(FittedScenarioWriter.number(2.318823014282286e302) == "2.318823e+302")
        // The loader reads every form back as the number written.
        let scenario = try ScenarioLoader.parse(yaml: """
            workload:
              arrivals: {process: renewal, gap_seconds: {distribution: gamma, shape: 1.0e+16, scale: 1.794e-13}}
              encode_seconds: {distribution: weibull, shape: 0.00001234568, scale: 2.318823e+302}
            """, file: "n.yaml")
        #expect(scenario.workload.arrivals == .renewal(gapSeconds: .gamma(shape: 1e16, scale: 1.794e-13)))
        #expect(scenario.workload.encodeSeconds == .weibull(shape: 0.00001234568, scale: 2.318823e302))
    }

    /// Extreme encode times; arrivals an ordinary 36 an hour, so the scenario
    /// stays within the loader's bounds (a fit beyond them is refused by
    /// `fit`: TraceCommandTests).
    @Test("an extreme trace: a degenerate fit is skipped with a note, never chosen or printed as nan; the YAML loads")
    func degenerateFits() throws {
        let trace = try TraceReader.parse("submit_seconds,encode_seconds\n0,1e-300\n100,1e300\n200,1\n", file: "x.csv")
        let fit = TraceFit(trace)
        let encode = try #require(fit.encode)
        let weibull = try #require(encode.families.first { $0.family == .weibull })
        #expect(weibull.distribution == nil)
        #expect(weibull.skippedBecause == "scale is 0, the log-likelihood is not finite")
        let table = encode.table(title: "encode seconds")
        #expect(table.contains("\n  weibull      (skipped, a degenerate fit: scale is 0, the log-likelihood is not finite)\n"), "\(table)")
        #expect(!table.lowercased().contains("nan"), "\(table)")
        #expect(encode.chosen?.family == .gamma)
        let yaml = FittedScenarioWriter.yaml(fit, name: "x", traceFile: "x.csv")
        #expect(yaml.contains("    rate_per_hour: 36\n"), "\(yaml)")
        #expect(yaml.contains("  encode_seconds: {distribution: gamma, shape: 0.001437511, scale: 2.318823e+302}\n"), "\(yaml)")
        #expect(yaml.split(separator: "\n").allSatisfy { $0.count < 120 }, "\(yaml)")
        let scenario = try ScenarioLoader.parse(yaml: yaml, file: "x.yaml")
        #expect(scenario.workload.arrivals == .poisson(ratePerHour: 36))
    }
}

/// Whether two arrival processes are the same kind with parameters equal to
/// the 7 significant digits the scenario writer keeps.
func sameToSevenDigits(_ a: ArrivalSpec, _ b: ArrivalSpec?) -> Bool {
    func close(_ x: Double, _ y: Double) -> Bool { abs(x - y) <= 1e-6 * max(abs(x), abs(y)) }
    switch (a, b) {
    case let (.poisson(x), .poisson(y)?): return close(x, y)
    case let (.diurnal(m1, a1, p1), .diurnal(m2, a2, p2)?): return close(m1, m2) && close(a1, a2) && close(p1, p2)
    case let (.hourly(r1), .hourly(r2)?): return r1.count == r2.count && zip(r1, r2).allSatisfy { close($0, $1) }
    case let (.renewal(g1), .renewal(g2)?):
        return g1.name == g2.name && zip(parameters(g1), parameters(g2)).allSatisfy { close($0, $1) }
    default: return false
    }
}
