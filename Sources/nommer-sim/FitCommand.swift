import ArgumentParser
import Foundation
import NommerConfig
import NommerTrace

/// `nommer-sim fit TRACE -o scenario.yaml`.
struct FitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Fit arrival and encode-time distributions to a trace and write a scenario.",
        discussion: """
            Maximum-likelihood fits of exponential, lognormal, gamma and Weibull to the gaps \
            between submissions and to encode_seconds, chosen by AIC (default) or KS distance. \
            If the hour-of-day counts differ from a flat rate (chi-square, p < 0.01, on a trace \
            of at least 24 h), arrivals become a diurnal rate. Trace format: docs/traces.md.
            """)

    @Argument(help: "The trace (.csv, or .jsonl for JSON lines).")
    var trace: String

    @Option(name: .shortAndLong, help: "Write the fitted scenario (YAML) here.")
    var output: String

    @Option(help: "How to choose a family: aic (lowest Akaike information criterion) or ks (lowest KS distance).")
    var criterion: Criterion = .aic

    @Option(help: "The fitted scenario's name (default: fitted-<trace file name>).")
    var name: String?

    @Flag(help: "Leave out malformed trace lines (and report how many and why) instead of stopping.")
    var skipBad = false

    enum Criterion: String, ExpressibleByArgument, CaseIterable {
        case aic, ks
    }

    func run() throws {
        try OutputFile.check(output, option: "-o", against: [.init("the trace", self.trace)])
        let trace = try TraceInput.read(self.trace, skipBad: skipBad)
        let fit = TraceFit(trace, criterion: criterion == .aic ? .aic : .ks)
        print(String(format: "%@: %d jobs over %.2f h", self.trace, fit.jobs, fit.spanSeconds / 3600))
        print("")
        print(fit.interArrival.table(title: "inter-arrival seconds"))
        print("")
        if let encode = fit.encode {
            print(encode.table(title: "encode seconds"))
        } else {
            print("encode seconds: none in the trace (the scenario keeps the default)")
        }
        print("")
        // Download and upload times are optional columns: shown only when the trace has them.
        for (title, transfer) in [("download seconds", fit.download), ("upload seconds", fit.upload)] {
            guard let transfer else { continue }
            print(transfer.table(title: title))
            print("")
        }
        print(fit.profile.summary)
        if let fraction = fit.errorFraction { print(String(format: "error outcomes: %.2f%% of jobs with an outcome", fraction * 100)) }
        let base = URL(fileURLWithPath: self.trace).deletingPathExtension().lastPathComponent
        let yaml = FittedScenarioWriter.yaml(fit, name: name ?? "fitted-\(base)", traceFile: self.trace)
        do {
            let scenario = try ScenarioLoader.parse(yaml: yaml, file: output)
            try yaml.write(toFile: output, atomically: true, encoding: .utf8)
            print("")
            print("wrote \(output): scenario \(scenario.name), arrivals \(scenario.workload.arrivals.name)")
        } catch let error as ScenarioError {
            // A value out of the loader's bounds (a trace of absurd rates or
            // durations) is the trace's doing; anything else is ours.
            if case .outOfRange = error.kind {
                printError("error: \(self.trace): the fit is outside what a scenario accepts, nothing written: \(error)")
                throw ExitCode(2)
            }
            printError("error: the fitted scenario does not load (a bug): \(error)")
            throw ExitCode(1)
        } catch {
            printError("error: cannot write \(output): \(error.localizedDescription)")
            throw ExitCode(1)
        }
    }
}
