import NommerConfig
import NommerCore

/// Every random source of a run, each with its own seeded GSL stream, so
/// that changing how one source is used does not shift the others.
struct RandomSources {
    let arrivals: RandomStream
    let download: RandomStream
    let encode: RandomStream
    let upload: RandomStream
    let outcomes: RandomStream
    let boot: RandomStream
    let failures: RandomStream
    let duplicates: RandomStream

    init(seed: UInt64) {
        func stream(_ name: String) -> RandomStream { RandomStream(seed: StreamSeeds.seed(base: seed, stream: name)) }
        arrivals = stream("arrivals")
        download = stream("download")
        encode = stream("encode")
        upload = stream("upload")
        outcomes = stream("outcomes")
        boot = stream("boot")
        failures = stream("failures")
        duplicates = stream("duplicates")
    }
}
