import ArgumentParser
import Foundation
import Logging
import Metrics
import NommerConfig
import NommerCore
import NommerAWSLive
import NommerEmbedded
import NommerHTTP
import NommerLive
import NommerNommers
import Prometheus
import ServiceLifecycle

/// `nommer-sim feederd`: the live orchestrator.
struct FeederdCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feederd",
        abstract: "Run the orchestrator: the core's feeder in real time, starting worker processes under the spawn policy.",
        discussion: """
            Reads the same scenario keys as the simulator (feeder.*, worker.*, fleet.max_instances,
            policy.*). SIGTERM or SIGINT stops it gracefully: the feeder stops, the workers are
            asked to stop (they finish or release their jobs) and killed after a grace period.
            See docs/live.md.
            """)

    @OptionGroup var live: LiveOptions

    @Option(help: "Where the HTTP job API listens (host:port).")
    var listen: String = "127.0.0.1:8080"

    @Option(help: "The spawn policy (classic, backlog, hpa, fixed); overrides policy.name.")
    var policy: String?

    @Option(help: "Bearer token the HTTP API requires (default: the NOMMER_TOKEN environment variable); mandatory beyond loopback.")
    var token: String?

    @Option(name: .customLong("boot-delay-seconds"), parsing: .unconditional, help: "An artificial boot delay for each worker, in seconds.")
    var bootDelaySeconds: Double = 0

    @Option(name: .customLong("stop-grace-seconds"), parsing: .unconditional, help: "How long a stopping worker may take before SIGKILL, in seconds.")
    var stopGraceSeconds: Double = 30

    @Option(name: .customLong("worker-drain-seconds"), parsing: .unconditional, help: "How long a worker asked to stop finishes its jobs before releasing them, in seconds.")
    var workerDrainSeconds: Double = 20

    func validate() throws {
        try OptionChecks.finiteNonNegative(bootDelaySeconds, "--boot-delay-seconds")
        try OptionChecks.finiteNonNegative(stopGraceSeconds, "--stop-grace-seconds")
        try OptionChecks.finiteNonNegative(workerDrainSeconds, "--worker-drain-seconds")
    }

    @Flag(name: .customLong("local-workers"), help: ArgumentHelp(
        "aws only: start a local worker process for every instance launched (for endpoints such as moto that run nothing).",
        visibility: .hidden))
    var localWorkers = false

    /// `--listen` as host and port (`127.0.0.1:8080`, `[::1]:8080`; port 0 picks a free one).
    func listenAddress() throws -> (host: String, port: Int) {
        guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]),
              (0...65535).contains(port) else {
            printError("error: --listen: expected host:port, not \(listen)")
            throw ExitCode(2)
        }
        var host = String(listen[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return (host.isEmpty ? "127.0.0.1" : host, port)
    }

    func run() async throws {
        try live.bootstrapLogging()
        let scenario = try live.loadScenario(extraOverrides: policy.map { ["policy.name=\($0)"] } ?? [])
        let (roots, addressGuard) = try live.guards()
        let (host, port) = try listenAddress()
        let logger = Logger(label: "nommer.feederd")
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))

        // One feederd per data directory, held until this process ends.
        let lock: FeederdLock
        do {
            try FileManager.default.createDirectory(atPath: live.absoluteDataDirectory, withIntermediateDirectories: true)
            lock = try FeederdLock(dataDirectory: live.absoluteDataDirectory)
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
        defer { withExtendedLifetime(lock) {} }
        let backend: any LiveBackend
        switch live.backend {
        case .embedded: backend = try embeddedBackend(scenario: scenario, logger: logger)
        case .aws: backend = try await awsBackend(scenario: scenario, logger: logger)
        }
        let notifier = HTTPNotifier(http: GuardedHTTP(addressGuard: addressGuard, retriesConnecting: false))
        let feeder = LiveFeeder(machine: scenario.makeFeederStateMachine(), backend: backend, notifier: notifier,
                                logger: Logger(label: "nommer.feeder"))
        let settings = APISettings(host: host, port: port,
                                   token: token ?? ProcessInfo.processInfo.environment["NOMMER_TOKEN"],
                                   roots: roots, addressGuard: addressGuard)
        let portFile = (live.absoluteDataDirectory as NSString).appendingPathComponent("feederd.port")
        let api: any Service
        do {
            api = try JobAPI.application(
                service: backend.jobService, nommers: StandardNommers.all(roots: roots, addressGuard: addressGuard),
                settings: settings, metrics: { registry.emitToString() },
                onListening: { port in
                    logger.info("job API listening", metadata: ["host": "\(host)", "port": "\(port)"])
                    try? "\(port)\n".write(toFile: portFile, atomically: true, encoding: .utf8)
                },
                logger: Logger(label: "nommer.http"))
        } catch {
            printError("error: \(error)")
            throw ExitCode(2)
        }
        logger.info("feederd ready", metadata: [
            "data_dir": "\(live.absoluteDataDirectory)", "policy": "\(scenario.policy.name)",
            "max_instances": "\(scenario.fleet.maxInstances)", "listen": "\(listen)"])
        // Services shut down in reverse order: the API stops accepting first, then the feeder stops the fleet.
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: [.init(service: FeederService(feeder: feeder, backend: backend),
                             successTerminationBehavior: .gracefullyShutdownGroup),
                       .init(service: api, successTerminationBehavior: .gracefullyShutdownGroup)],
            gracefulShutdownSignals: [.sigterm, .sigint],
            cancellationSignals: [],
            logger: logger))
        try await group.run()
    }
}

extension FeederdCommand {
    /// The worker arguments feederd passes on (besides the backend and instance id).
    private var workerArguments: [String] {
        ["--data-dir", live.absoluteDataDirectory, "--drain-seconds", "\(workerDrainSeconds)"] + live.configurationArguments
    }

    private func embeddedBackend(scenario: Scenario, logger: Logger) throws -> EmbeddedBackend {
        var fleetSettings = LocalFleet.Settings(
            executable: ownExecutablePath(),
            workerArguments: ["worker", "--backend", live.backend.rawValue, "--boot-delay-seconds", "\(bootDelaySeconds)"]
                + workerArguments,
            maxInstances: scenario.fleet.maxInstances)
        fleetSettings.bootDelaySeconds = bootDelaySeconds
        fleetSettings.stopGraceSeconds = max(stopGraceSeconds, workerDrainSeconds + 5)
        do {
            return try EmbeddedBackend(dataDirectory: live.absoluteDataDirectory, fleet: fleetSettings, logger: logger)
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
    }

    /// The AWS backend; with `--local-workers`, each launched instance gets a local worker process.
    private func awsBackend(scenario: Scenario, logger: Logger) async throws -> AWSLiveBackend {
        let connection = try await AWSBackendStartup.connect(scenario.aws, launches: true)
        try? FileManager.default.createDirectory(atPath: live.absoluteDataDirectory, withIntermediateDirectories: true)
        guard localWorkers else {
            if connection.fleet == nil { logger.warning("aws.ami_id is not set: feederd launches no instance") }
            return AWSLiveBackend(connection: connection)
        }
        guard let ec2 = connection.fleet else {
            printError("error: --local-workers needs aws.ami_id (the instances the local workers stand for)")
            throw ExitCode(2)
        }
        let arguments = ["worker", "--backend", "aws", "--boot-delay-seconds", "\(bootDelaySeconds)"] + workerArguments
        let fleet = LocalWorkersFleet(
            wrapping: ec2, executable: ownExecutablePath(),
            arguments: { id in arguments + ["--instance-id", id.rawValue] },
            logDirectory: (live.absoluteDataDirectory as NSString).appendingPathComponent("logs"),
            stopGraceSeconds: max(stopGraceSeconds, workerDrainSeconds + 5), logger: logger)
        return AWSLiveBackend(connection: connection, fleet: fleet, stopFleet: { await fleet.stopAll() })
    }
}

/// The feeder as a service: runs until graceful shutdown, then stops the fleet.
struct FeederService: Service {
    let feeder: LiveFeeder
    let backend: any LiveBackend

    func run() async throws {
        await withGracefulShutdownHandler {
            await feeder.run()
        } onGracefulShutdown: {
            feeder.stop()
        }
        await backend.feederStopped()
    }
}
