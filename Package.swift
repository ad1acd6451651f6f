// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "nommer-sim",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "nommer-sim", targets: ["nommer-sim"]),
        .library(name: "NommerCore", targets: ["NommerCore"]),
        .library(name: "NommerConfig", targets: ["NommerConfig"]),
        .library(name: "NommerSim", targets: ["NommerSim"]),
        .library(name: "NommerLive", targets: ["NommerLive"]),
        .library(name: "NommerNommers", targets: ["NommerNommers"]),
        .library(name: "NommerHTTP", targets: ["NommerHTTP"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.1.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
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
            ]
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
            ]
        ),
        // The live runtime, backend-agnostic: the ports a live driver, the HTTP
        // API and the nommers share; backends (embedded, AWS) are modules of their own.
        .target(
            name: "NommerLive",
            dependencies: ["NommerCore", "NommerConfig"]
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
        .executableTarget(
            name: "nommer-sim",
            dependencies: [
                "NommerCore",
                "NommerConfig",
                "NommerSim",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        .testTarget(name: "NommerCoreTests", dependencies: ["NommerCore"]),
        .testTarget(name: "NommerConfigTests", dependencies: ["NommerConfig", "NommerCore"]),
        .testTarget(name: "NommerSimTests", dependencies: ["NommerSim", "NommerConfig", "NommerCore"]),
        .testTarget(
            name: "NommerCLITests",
            dependencies: [
                "nommer-sim", "NommerHTTP", "NommerNommers", "NommerLive", "NommerCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "NommerNommersTests",
            dependencies: [
                "NommerNommers", "NommerLive", "NommerCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "NommerHTTPTests",
            dependencies: [
                "NommerHTTP", "NommerNommers", "NommerLive", "NommerCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
