import ArgumentParser
import Foundation
import Logging
import Metrics
import NommerConfig
import NommerCore
import NommerEmbedded
import NommerLive
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

    @Option(help: "Bearer token the HTTP API requires (or NOMMER_TOKEN).")
    var token: String?

    @Option(name: .customLong("boot-delay-seconds"), help: "An artificial boot delay for each worker, in seconds.")
    var bootDelaySeconds: Double = 0

    @Option(name: .customLong("stop-grace-seconds"), help: "How long a stopping worker may take before SIGKILL, in seconds.")
    var stopGraceSeconds: Double = 30

    @Option(name: .customLong("worker-drain-seconds"), help: "How long a worker asked to stop finishes its jobs before releasing them, in seconds.")
    var workerDrainSeconds: Double = 20

    func run() async throws {
        try live.bootstrapLogging()
        let scenario = try live.loadScenario(extraOverrides: policy.map { ["policy.name=\($0)"] } ?? [])
        let logger = Logger(label: "nommer.feederd")
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))

        var fleetSettings = LocalFleet.Settings(
            executable: ownExecutablePath(),
            workerArguments: ["worker", "--backend", live.backend.rawValue, "--data-dir", live.absoluteDataDirectory,
                              "--boot-delay-seconds", "\(bootDelaySeconds)", "--drain-seconds", "\(workerDrainSeconds)"]
                + live.configurationArguments,
            maxInstances: scenario.fleet.maxInstances)
        fleetSettings.bootDelaySeconds = bootDelaySeconds
        fleetSettings.stopGraceSeconds = max(stopGraceSeconds, workerDrainSeconds + 5)
        let backend: EmbeddedBackend
        do {
            backend = try EmbeddedBackend(dataDirectory: live.absoluteDataDirectory, fleet: fleetSettings, logger: logger)
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
        let feeder = LiveFeeder(machine: scenario.makeFeederStateMachine(), backend: backend, logger: Logger(label: "nommer.feeder"))
        logger.info("feederd ready", metadata: [
            "data_dir": "\(live.absoluteDataDirectory)", "policy": "\(scenario.policy.name)",
            "max_instances": "\(scenario.fleet.maxInstances)", "listen": "\(listen)",
            "metrics": "\(registry.emitToString().isEmpty ? "empty" : "on")"])
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: [.init(service: FeederService(feeder: feeder, backend: backend),
                             successTerminationBehavior: .gracefullyShutdownGroup)],
            gracefulShutdownSignals: [.sigterm, .sigint],
            cancellationSignals: [],
            logger: logger))
        try await group.run()
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
