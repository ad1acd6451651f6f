// swift-tools-version: 6.0
import PackageDescription

/// Release builds of the core and the simulator let the optimizer see
/// across module boundaries (the simulator calls the core's small accessors
/// millions of times a second): 8% fewer instructions per simulated job.
/// Only our own targets, so `swift build` from a clean clone is unchanged;
/// note that unsafe flags keep this package from being used as a dependency
/// of another package while they are here.
let crossModuleOptimization: [SwiftSetting] = [
    .unsafeFlags(["-cross-module-optimization"], .when(configuration: .release)),
]

let package = Package(
    name: "nommer-sim",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "nommer-sim", targets: ["nommer-sim"]),
        .library(name: "NommerCore", targets: ["NommerCore"]),
        .library(name: "NommerConfig", targets: ["NommerConfig"]),
        .library(name: "NommerSim", targets: ["NommerSim"]),
        .library(name: "NommerPlan", targets: ["NommerPlan"]),
        .library(name: "NommerLive", targets: ["NommerLive"]),
        .library(name: "NommerTrace", targets: ["NommerTrace"]),
        .library(name: "NommerNommers", targets: ["NommerNommers"]),
        .library(name: "NommerEmbedded", targets: ["NommerEmbedded"]),
        .library(name: "NommerHTTP", targets: ["NommerHTTP"]),
        .library(name: "NommerAWS", targets: ["NommerAWS"]),
        .library(name: "NommerAWSLive", targets: ["NommerAWSLive"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.1.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
        .package(url: "https://github.com/drmohundro/SWXMLHash", from: "8.1.1"),
    ],
    targets: [
        // GNU Scientific Library: random number generators and distributions.
        .systemLibrary(
            name: "CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"])]
        ),
        // Domain and policies: no I/O, no wall clock, no randomness.
        .target(
            name: "NommerCore",
            dependencies: [
                .product(name: "DequeModule", package: "swift-collections"),
            ],
            swiftSettings: crossModuleOptimization
        ),
        // Scenario files: the YAML model shared by the simulator and the live runtime.
        .target(
            name: "NommerConfig",
            dependencies: [
                "NommerCore",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // Discrete-event simulator: clock, simulated SQS/SimpleDB/EC2, workloads, statistics.
        .target(
            name: "NommerSim",
            dependencies: [
                "NommerCore",
                "NommerConfig",
                "CGSL",
                .product(name: "HeapModule", package: "swift-collections"),
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ],
            swiftSettings: crossModuleOptimization
        ),
        // Experiments: sweep grids, replications, statistics across them, the
        // results database (SQLite through GRDB) and the HTML report.
        .target(
            name: "NommerPlan",
            dependencies: [
                "NommerSim",
                "NommerConfig",
                "NommerCore",
                "CGSL",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // The live runtime, backend-agnostic: the ports a live driver, the HTTP
        // API and the nommers share; backends (embedded, AWS) are modules of their own.
        .target(
            name: "NommerLive",
            dependencies: [
                "NommerCore",
                "NommerConfig",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ]
        ),
        // The embedded backend: job store and both queues in one SQLite file
        // (GRDB), and a fleet of local worker processes.
        .target(
            name: "NommerEmbedded",
            dependencies: [
                "NommerCore",
                "NommerLive",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The nommers a live worker runs (sleep, ffmpeg) and the guards around
        // them: file-root confinement, the URL guard, the notify callback.
        .target(
            name: "NommerNommers",
            dependencies: [
                "NommerCore",
                "NommerLive",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        // The job API over HTTP (Hummingbird 2), media-nommer's legacy submit included.
        .target(
            name: "NommerHTTP",
            dependencies: [
                "NommerCore",
                "NommerLive",
                "NommerNommers",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Job traces: reading them (CSV, JSON lines), replaying them, fitting distributions to them.
        .target(
            name: "NommerTrace",
            dependencies: ["NommerCore", "NommerConfig", "NommerSim", "CGSL"]
        ),
        // The AWS backend: SigV4/SigV2 signing, credentials, retries, typed AWS errors,
        // and the core's ports over SQS, DynamoDB, SimpleDB and EC2.
        .target(
            name: "NommerAWS",
            dependencies: [
                "NommerCore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "SWXMLHash", package: "SWXMLHash"),
            ]
        ),
        // The AWS backend wired into the live runtime: LiveBackend over NommerAWS's
        // SQS, DynamoDB/SimpleDB and EC2 ports, the job service, a worker's own instance.
        .target(
            name: "NommerAWSLive",
            dependencies: [
                "NommerCore", "NommerConfig", "NommerLive", "NommerAWS",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "nommer-sim",
            dependencies: [
                "NommerCore",
                "NommerConfig",
                "NommerSim",
                "NommerPlan",
                "NommerTrace",
                "NommerLive",
                "NommerEmbedded",
                "NommerNommers",
                "NommerHTTP",
                "NommerAWS",
                "NommerAWSLive",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        .testTarget(name: "NommerCoreTests", dependencies: ["NommerCore"]),
        .testTarget(name: "NommerConfigTests", dependencies: ["NommerConfig", "NommerCore"]),
        .testTarget(name: "NommerSimTests", dependencies: ["NommerSim", "NommerConfig", "NommerCore"]),
        .testTarget(name: "NommerPlanTests", dependencies: ["NommerPlan", "NommerSim", "NommerConfig", "NommerTestSupport",
                                                     .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "NommerTraceTests", dependencies: ["NommerTrace", "NommerSim", "NommerConfig", "NommerCore", "CGSL"]),
        // What several test targets share: a Hummingbird test server, the
        // embedded job service on a temporary SQLite file, running tools.
        .target(
            name: "NommerTestSupport",
            dependencies: [
                "NommerCore", "NommerLive", "NommerEmbedded",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/NommerTestSupport"
        ),
        .testTarget(name: "NommerEmbeddedTests", dependencies: ["NommerEmbedded", "NommerLive", "NommerCore"]),
        .testTarget(name: "NommerLiveTests",
                    dependencies: ["NommerLive", "NommerEmbedded", "NommerNommers", "NommerSim", "NommerConfig", "NommerCore",
                                   "NommerTestSupport", "nommer-sim", .product(name: "AsyncHTTPClient", package: "async-http-client"),
                                   .product(name: "Hummingbird", package: "hummingbird")]),
        .testTarget(
            name: "NommerCLITests",
            dependencies: [
                "nommer-sim", "NommerHTTP", "NommerNommers", "NommerLive", "NommerCore", "NommerTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "NommerNommersTests",
            dependencies: [
                "NommerNommers", "NommerLive", "NommerCore", "NommerTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "NommerHTTPTests",
            dependencies: [
                "NommerHTTP", "NommerNommers", "NommerLive", "NommerCore", "NommerTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        .testTarget(
            name: "NommerAWSTests",
            dependencies: [
                "NommerAWS", "NommerAWSLive", "NommerLive", "NommerCore", "NommerConfig", "NommerTestSupport", "nommer-sim",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
