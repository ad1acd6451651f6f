/// The nommers a worker can run, by name (`ffmpeg`, `sleep`).
public struct NommerRegistry: Sendable {
    private var nommers: [String: any Nommer] = [:]

    public init(_ nommers: [any Nommer] = []) {
        for nommer in nommers { register(nommer) }
    }

    /// Adds a nommer (replacing one of the same name).
    public mutating func register(_ nommer: any Nommer) { nommers[nommer.name] = nommer }

    /// The nommer with this name, or nil.
    public func nommer(named name: String) -> (any Nommer)? { nommers[name] }

    /// The names known, sorted.
    public var names: [String] { nommers.keys.sorted() }
}
