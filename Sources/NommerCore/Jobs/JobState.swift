/// The seven states of an encoding job, spelled as media-nommer stored them.
///
/// `finished`, `error` and `abandoned` are *finished* states: nothing more
/// happens to a job once it reaches one of them.
public enum JobState: String, Sendable, CaseIterable, Codable, Hashable {
    case pending = "PENDING"
    case downloading = "DOWNLOADING"
    case encoding = "ENCODING"
    case uploading = "UPLOADING"
    case finished = "FINISHED"
    case error = "ERROR"
    case abandoned = "ABANDONED"

    /// True for FINISHED, ERROR and ABANDONED.
    @inlinable public var isFinished: Bool {
        switch self {
        case .finished, .error, .abandoned: return true
        case .pending, .downloading, .encoding, .uploading: return false
        }
    }

    /// True while a worker is moving the job through its work phases.
    @inlinable public var isInProgress: Bool {
        switch self {
        case .downloading, .encoding, .uploading: return true
        default: return false
        }
    }

    /// Whether the table of legal transitions allows `self -> next`:
    /// PENDING -> DOWNLOADING -> ENCODING -> UPLOADING -> FINISHED, and any
    /// unfinished state -> ERROR or ABANDONED.
    @inlinable public func canTransition(to next: JobState) -> Bool {
        switch (self, next) {
        case (.pending, .downloading), (.downloading, .encoding),
             (.encoding, .uploading), (.uploading, .finished):
            return true
        case (_, .error), (_, .abandoned):
            return !isFinished
        default:
            return false
        }
    }

    /// A dense index (0 ..< 7) for per-state counters.
    @inlinable public var ordinal: Int {
        switch self {
        case .pending: return 0
        case .downloading: return 1
        case .encoding: return 2
        case .uploading: return 3
        case .finished: return 4
        case .error: return 5
        case .abandoned: return 6
        }
    }
}
