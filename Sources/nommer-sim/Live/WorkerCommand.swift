import ArgumentParser
import Foundation
import Logging
import NommerConfig
import NommerCore
import NommerAWSLive
import NommerEmbedded
import NommerLive
import NommerNommers
import ServiceLifecycle

/// `nommer-sim worker`: one instance's worker (ec2nommerd), usually started by feederd.
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Run one worker: take jobs from the queue and run them with the nommers.",
        discussion: """
            Usually started by feederd. SIGTERM or SIGINT: take no new jobs, finish the held ones
            for up to --drain-seconds, then hand the rest back to the queue and exit.
            """)

    @OptionGroup var live: LiveOptions

    @Option(name: .customLong("instance-id"), help: "This worker's instance id (feederd gives one; aws: default from the instance metadata service).")
    var instanceID: String?

    @Option(name: .customLong("boot-delay-seconds"), parsing: .unconditional, help: "Wait this long before taking work, in seconds (a simulated boot).")
    var bootDelaySeconds: Double = 0

    @Option(name: .customLong("drain-seconds"), parsing: .unconditional, help: "On SIGTERM, finish held jobs for this long before releasing them, in seconds.")
    var drainSeconds: Double = 20

    @Option(name: .customLong("stall-seconds"), parsing: .unconditional, help: "A nommer that reports no progress for this long is stalled, in seconds.")
    var stallSeconds: Double = 300

    func validate() throws {
        try OptionChecks.finiteNonNegative(bootDelaySeconds, "--boot-delay-seconds")
        try OptionChecks.finiteNonNegative(drainSeconds, "--drain-seconds")
        try OptionChecks.finitePositive(stallSeconds, "--stall-seconds")
        guard let instanceID else {
            if live.backend == .embedded { throw ValidationError("--instance-id is required with --backend embedded") }
            return
        }
        guard !instanceID.isEmpty, instanceID.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw ValidationError("--instance-id: letters, digits, - and _ only")
        }
    }

    func run() async throws {
        try live.bootstrapLogging()
        let scenario = try live.loadScenario()
        let (roots, addressGuard) = try live.guards()
        let instanceID: String
        let backend: any LiveBackend
        switch live.backend {
        case .embedded:
            instanceID = self.instanceID ?? ""
            do {
                backend = try EmbeddedBackend(dataDirectory: live.absoluteDataDirectory)
            } catch {
                printError("error: \(error)")
                throw ExitCode(1)
            }
        case .aws:
            instanceID = try await AWSBackendStartup.instanceID(given: self.instanceID, spec: scenario.aws)
            backend = AWSLiveBackend(connection: try await AWSBackendStartup.connect(scenario.aws, launches: false))
        }
        var logger = Logger(label: "nommer.worker")
        logger[metadataKey: "instance"] = "\(instanceID)"
        let id = InstanceID(instanceID)
        var options = LiveWorker.Options(workspaceRoot: LiveWorker.Options.workspaceRoot(
            dataDirectory: live.absoluteDataDirectory, instance: instanceID))
        options.stallAfterSeconds = stallSeconds
        let worker = LiveWorker(machine: scenario.makeWorkerStateMachine(), backend: backend,
                                instance: backend.workerInstance(id), nommers: NommerRegistry(StandardNommers.all(roots: roots, addressGuard: addressGuard)),
                                options: options, logger: logger)
        let service = WorkerService(worker: worker, bootDelaySeconds: bootDelaySeconds, drainSeconds: drainSeconds)
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: [.init(service: service, successTerminationBehavior: .gracefullyShutdownGroup)],
            gracefulShutdownSignals: [.sigterm, .sigint],
            cancellationSignals: [],
            logger: logger))
        try await group.run()
    }
}

/// The worker as a service: boots (waits its boot delay), runs until its
/// machine terminates; on graceful shutdown drains, then releases after the deadline.
struct WorkerService: Service {
    let worker: LiveWorker
    let bootDelaySeconds: Double
    let drainSeconds: Double

    func run() async throws {
        if bootDelaySeconds > 0 {
            try? await cancelWhenGracefulShutdown {
                try await Task.sleep(for: .milliseconds(Int64(bootDelaySeconds * 1000)))
            }
            if Task.isShuttingDownGracefully { return }
        }
        let drainSeconds = self.drainSeconds
        let worker = self.worker
        // The worker logs why it stopped; the reason it returns is not needed here.
        _ = await withGracefulShutdownHandler {
            await worker.run()
        } onGracefulShutdown: {
            worker.drain()
            Task {
                try? await Task.sleep(for: .milliseconds(Int64(drainSeconds * 1000)))
                worker.release()
            }
        }
    }
}
