import ArgumentParser
import Foundation
import Logging
import NommerConfig
import NommerCore
import NommerNommers

/// The backends `--backend` can name.
enum BackendKind: String, ExpressibleByArgument, CaseIterable {
    case embedded
    case aws
}

/// Options every live command (feederd, worker) takes: the backend, its data,
/// and the scenario keys that configure the feeder, the workers and the policy.
struct LiveOptions: ParsableArguments {
    @Option(help: "The backend: \(BackendKind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var backend: BackendKind = .embedded

    @Option(name: .customLong("data-dir"), help: ArgumentHelp(
        "The working folder: workspaces, logs, feederd.port; on the embedded backend also the SQLite file (required there). Default for aws: $TMPDIR/nommer.",
        valueName: "dir"))
    var dataDirectory: String?

    @Option(name: .customLong("config"), help: "A scenario file whose feeder, worker, fleet and policy keys configure the live system.")
    var configFile: String?

    @Option(name: .customLong("set"), help: ArgumentHelp(
        "Override one scenario key, for example --set feeder.spawn_interval_seconds=5 (repeatable).",
        valueName: "path.to.key=value"))
    var overrides: [String] = []

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: String = "info"

    @Option(name: .customLong("allow-root"), help: ArgumentHelp(
        "A directory file:// sources and destinations may lie in (repeatable); none: file:// is refused.",
        valueName: "dir"))
    var allowedRoots: [String] = []

    @Option(name: .customLong("allow-network"), help: ArgumentHelp(
        "An address range http(s) sources and notify URLs may reach although refused by default, e.g. 127.0.0.0/8 (repeatable).",
        valueName: "cidr"))
    var allowedNetworks: [String] = []

    /// The file roots and the network guard; a bad one is printed and exits with code 2.
    func guards() throws -> (roots: AllowedRoots, addressGuard: AddressGuard) {
        do {
            return (try AllowedRoots(allowedRoots), try AddressGuard(allowing: allowedNetworks))
        } catch {
            printError("error: \(error)")
            throw ExitCode(2)
        }
    }

    /// The scenario (its defaults when no file is given) with the overrides;
    /// a bad file or override is printed and exits with code 2.
    func loadScenario(extraOverrides: [String] = []) throws -> Scenario {
        do {
            if let configFile {
                return try ScenarioLoader.load(path: configFile, overrides: extraOverrides + overrides)
            }
            return try ScenarioLoader.parse(yaml: "name: live\n", file: "<defaults>", overrides: extraOverrides + overrides)
        } catch {
            printError("error: \(error)")
            throw ExitCode(2)
        }
    }

    /// The data directory as an absolute path (the aws backend's default when none is given).
    var absoluteDataDirectory: String {
        let directory = dataDirectory ?? (NSTemporaryDirectory() as NSString).appendingPathComponent("nommer")
        return URL(fileURLWithPath: directory).standardizedFileURL.path
    }

    func validate() throws {
        if backend == .embedded && dataDirectory == nil {
            throw ValidationError("--data-dir is required with --backend embedded")
        }
    }

    /// The arguments a worker process gets so it reads the same configuration.
    var configurationArguments: [String] {
        var arguments: [String] = []
        if let configFile { arguments += ["--config", URL(fileURLWithPath: configFile).standardizedFileURL.path] }
        for override in overrides { arguments += ["--set", override] }
        for root in allowedRoots { arguments += ["--allow-root", URL(fileURLWithPath: root).standardizedFileURL.path] }
        for network in allowedNetworks { arguments += ["--allow-network", network] }
        arguments += ["--log-level", logLevel]
        return arguments
    }

    /// Sends swift-log's output to stderr at the chosen level (once per process).
    func bootstrapLogging() throws {
        guard let level = Logger.Level(rawValue: logLevel) else {
            printError("error: --log-level: unknown level \(logLevel)")
            throw ExitCode(2)
        }
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}

/// This program's own executable, to start workers with.
func ownExecutablePath() -> String {
    if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return resolved }
    return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
}
