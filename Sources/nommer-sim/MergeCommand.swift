import ArgumentParser
import Foundation
import NommerPlan

/// `nommer-sim merge`: joins the shards of one sweep.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Join the results files of a sweep's shards into one (refusing parts of different sweeps).")

    @Argument(help: "The parts (results files of `sweep --shard K/N`).")
    var parts: [String]

    @Option(name: .shortAndLong, help: "The merged file to write (must not exist).")
    var output: String

    func run() throws {
        try OutputFile.check(output, option: "-o", against: parts.map { .init("the part", $0) })
        do {
            let runs = try ResultsMerge.merge(parts, into: output)
            let stored = try StoredSweep.load(output)
            print("merged \(parts.count) parts into \(output): \(runs) of \(stored.totalRuns) runs")
            if runs < stored.totalRuns { printError("warning: \(stored.totalRuns - runs) runs are missing (a shard not run or not finished?)") }
        } catch {
            printError("error: \(error)")
            throw ExitCode(2)
        }
    }
}
