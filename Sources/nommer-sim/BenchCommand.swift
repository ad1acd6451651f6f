import ArgumentParser
import Foundation
import NommerConfig
import NommerSim

/// `nommer-sim bench`: throughput and memory of named simulation cases.
///
/// Each case runs in a child process of its own, so the peak resident set
/// size it reports (Linux `VmHWM`) belongs to that case alone.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure simulator throughput (jobs/s, events/s) and peak memory on named cases.",
        discussion: """
            Cases: mmc16 (scenarios/mmc.yaml, M/M/16 at utilization 0.9), diurnal-year \
            (scenarios/diurnal.yaml over 8760 simulated hours), parallel (replications of \
            mmc16 on 1 thread and on 2). Fixed seed. Build with -c release before measuring.
            """)

    @Option(name: .customLong("case"), help: "Run only these cases (repeatable): mmc16, diurnal-year, parallel.")
    var cases: [BenchCase] = []

    @Option(parsing: .unconditional, help: "Jobs in the mmc16 case. The parallel case runs 4 replications of N/4 jobs each (rounded down, at least 1): 4 x (N/4) jobs in all, which it reports.")
    var jobs: Int = 1_000_000

    @Option(help: "Folder holding the shipped scenarios.")
    var scenarios: String = "scenarios"

    @Option(help: "Also write the figures as a JSON array to this file.")
    var json: String?

    @Flag(help: .hidden)
    var child = false

    func validate() throws {
        try OptionChecks.atLeast(jobs, 1, "--jobs")
    }

    func run() throws {
        if child, let only = cases.first {
            let figures = try measure(only)
            print(String(decoding: try JSONEncoder().encode(figures), as: UTF8.self))
            return
        }
        let chosen = cases.isEmpty ? BenchCase.allCases : cases
        if let json {
            // Checked before minutes of measuring, not after.
            try OutputFile.check(json, option: "--json", against: Set(chosen.map(\.scenarioFile)).sorted()
                .map { .init("the scenario", "\(scenarios)/\($0)") })
        }
        if chosen.contains(.parallel), jobs % ParallelBench.replications != 0 || jobs < ParallelBench.replications {
            let each = ParallelBench.jobsPerReplication(jobs)
            printError("note: the parallel case runs \(ParallelBench.replications) replications of \(each) jobs: "
                + "\(ParallelBench.replications * each) jobs, not \(jobs)")
        }
        var all: [BenchFigures] = []
        for benchCase in chosen {
            printError("bench: \(benchCase.rawValue) ...")
            let figures = try runChild(benchCase)
            print(figures.line)
            all.append(figures)
        }
        if let json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            do {
                try encoder.encode(all).write(to: URL(fileURLWithPath: json))
            } catch {
                printError("error: cannot write \(json): \(error.localizedDescription)")
                throw ExitCode(1)
            }
        }
    }

    private func runChild(_ benchCase: BenchCase) throws -> BenchFigures {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
        if !FileManager.default.isExecutableFile(atPath: process.executableURL?.path ?? "") {
            process.executableURL = Bundle.main.executableURL
        }
        process.arguments = ["bench", "--child", "--case", benchCase.rawValue, "--jobs", "\(jobs)", "--scenarios", scenarios]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ExitCode(process.terminationStatus) }
        return try JSONDecoder().decode(BenchFigures.self, from: data)
    }

    private func load(_ name: String, _ overrides: [String]) throws -> Scenario {
        do {
            return try ScenarioLoader.load(path: "\(scenarios)/\(name)", overrides: overrides)
        } catch {
            printError("error: \(error)")
            throw ExitCode(2)
        }
    }

    /// Runs one scenario and times it.
    private func timed(_ benchCase: BenchCase, _ scenario: Scenario) -> BenchFigures {
        let started = Date()
        let cpuStarted = ProcessorTime.seconds()
        let result = Simulation(scenario: scenario).run()
        var figures = BenchFigures(name: benchCase.rawValue, jobs: result.jobs.submitted, events: result.events,
                                   wallSeconds: Date().timeIntervalSince(started), meanWaitSeconds: result.waitSeconds.mean)
        figures.setCPUSeconds(ProcessorTime.seconds() - cpuStarted)
        return figures
    }

    private func measure(_ benchCase: BenchCase) throws -> BenchFigures {
        switch benchCase {
        case .mmc16:
            return try timed(benchCase, load("mmc.yaml", ["jobs=\(jobs)", "seed=42"]))
        case .diurnalYear:
            return try timed(benchCase, load("diurnal.yaml", ["duration_hours=8760", "drain=false", "seed=42"]))
        case .parallel:
            let replications = ParallelBench.replications
            let scenario = try load("mmc.yaml", ["jobs=\(ParallelBench.jobsPerReplication(jobs))", "seed=42"])
            let one = ParallelReplications.run(scenario, replications: replications, threads: 1)
            let cpuStarted = ProcessorTime.seconds()
            let two = ParallelReplications.run(scenario, replications: replications, threads: 2)
            var figures = BenchFigures(name: benchCase.rawValue, jobs: two.jobs, events: two.events,
                                       wallSeconds: two.wallSeconds, meanWaitSeconds: nil)
            figures.setCPUSeconds(ProcessorTime.seconds() - cpuStarted)
            figures.speedupTwoThreads = one.wallSeconds / two.wallSeconds
            return figures
        }
    }
}

enum BenchCase: String, CaseIterable, ExpressibleByArgument {
    case mmc16
    case diurnalYear = "diurnal-year"
    case parallel

    /// The shipped scenario the case runs (in --scenarios).
    var scenarioFile: String { self == .diurnalYear ? "diurnal.yaml" : "mmc.yaml" }
}

/// How the parallel case splits --jobs: 4 equal replications of N / 4 jobs
/// (rounded down, at least 1), so it runs 4 x (N / 4) jobs.
enum ParallelBench {
    static let replications = 4

    static func jobsPerReplication(_ jobs: Int) -> Int { max(1, jobs / replications) }
}

/// What one bench case measured.
struct BenchFigures: Codable {
    var name: String
    var jobs: Int
    var events: Int
    var wallSeconds: Double
    var jobsPerSecond: Double
    var eventsPerSecond: Double
    /// Peak resident set size of the process, in bytes (Linux VmHWM; 0 elsewhere).
    var peakRSSBytes: Int
    var meanWaitSeconds: Double?
    var speedupTwoThreads: Double?
    /// Processor time the case used (user + system, all threads), in seconds:
    /// steadier than wall time on a machine shared with other work.
    var cpuSeconds: Double?
    /// Jobs per second of processor time.
    var jobsPerCPUSecond: Double?

    mutating func setCPUSeconds(_ seconds: Double) {
        cpuSeconds = seconds
        jobsPerCPUSecond = Double(jobs) / max(seconds, 1e-9)
    }

    init(name: String, jobs: Int, events: Int, wallSeconds: Double, meanWaitSeconds: Double?) {
        self.name = name
        self.jobs = jobs
        self.events = events
        self.wallSeconds = wallSeconds
        jobsPerSecond = Double(jobs) / max(wallSeconds, 1e-9)
        eventsPerSecond = Double(events) / max(wallSeconds, 1e-9)
        peakRSSBytes = PeakMemory.residentBytes()
        self.meanWaitSeconds = meanWaitSeconds
    }

    var line: String {
        var text = name.padding(toLength: 13, withPad: " ", startingAt: 0)
        text += String(format: " %10d jobs %12d events %7.2f s %12.0f jobs/s %12.0f events/s peak RSS %6.1f MB",
                       jobs, events, wallSeconds, jobsPerSecond, eventsPerSecond, Double(peakRSSBytes) / 1_048_576)
        if let cpu = cpuSeconds, let rate = jobsPerCPUSecond {
            text += String(format: "  CPU %.2f s (%.0f jobs/CPU-s)", cpu, rate)
        }
        if let speedup = speedupTwoThreads { text += String(format: "  2 threads: %.2fx", speedup) }
        return text
    }
}

/// Processor time used by the process so far (user + system, all threads).
enum ProcessorTime {
    static func seconds() -> Double {
        var time = timespec()
        guard clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time) == 0 else { return 0 }
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1_000_000_000
    }
}

/// The process's peak resident set size.
enum PeakMemory {
    static func residentBytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let kilobytes = line.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
            return kilobytes * 1024
        }
        return 0
    }
}
