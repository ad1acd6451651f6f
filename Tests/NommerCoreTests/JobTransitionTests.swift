import NommerCore
import Testing

/// One `from -> to` pair of job states.
struct StatePair: Sendable, CustomTestStringConvertible {
    let from: JobState
    let to: JobState
    var testDescription: String { "\(from.rawValue) -> \(to.rawValue)" }
}

/// The rule, written out independently of `canTransition`:
/// PENDING -> DOWNLOADING -> ENCODING -> UPLOADING -> FINISHED, and any
/// unfinished state -> ERROR or ABANDONED.
private let unfinishedStates: [JobState] = [.pending, .downloading, .encoding, .uploading]
private let legalPairs: [StatePair] =
    [StatePair(from: .pending, to: .downloading), StatePair(from: .downloading, to: .encoding),
     StatePair(from: .encoding, to: .uploading), StatePair(from: .uploading, to: .finished)]
    + unfinishedStates.flatMap { [StatePair(from: $0, to: .error), StatePair(from: $0, to: .abandoned)] }
private let illegalPairs: [StatePair] = JobState.allCases.flatMap { from in
    JobState.allCases.compactMap { to in
        legalPairs.contains { $0.from == from && $0.to == to } ? nil : StatePair(from: from, to: to)
    }
}

@Suite("JobState and EncodingJob transitions")
struct JobTransitionTests {
    @Test("the 49 pairs split into 12 legal and 37 illegal, and canTransition agrees with the rule")
    func ruleTable() {
        #expect(legalPairs.count == 12)
        #expect(illegalPairs.count == 37)
        #expect(legalPairs.allSatisfy { $0.from.canTransition(to: $0.to) })
        #expect(illegalPairs.allSatisfy { !$0.from.canTransition(to: $0.to) })
    }

    @Test("a legal transition succeeds, sets the state and stamps lastModifiedAt", arguments: legalPairs)
    func legalTransition(pair: StatePair) throws {
        var job = makeJob("j", state: pair.from, createdAt: 5, lastModifiedAt: 10)
        try job.transition(to: pair.to, at: 20)
        #expect(job.state == pair.to)
        #expect(job.lastModifiedAt == 20)
        #expect(job.createdAt == 5)
    }

    @Test("an illegal transition throws illegalTransition and leaves the job unchanged", arguments: illegalPairs)
    func illegalTransition(pair: StatePair) {
        let original = makeJob("j", state: pair.from, createdAt: 5, lastModifiedAt: 10, details: "before")
        var job = original
        #expect(throws: JobTransitionError.illegalTransition(job: JobID("j"), from: pair.from, to: pair.to)) {
            try job.transition(to: pair.to, details: "after", at: 20)
        }
        #expect(job == original)
    }

    @Test("FINISHED, ERROR and ABANDONED are the finished states")
    func finishedStates() {
        #expect(Set(JobState.allCases.filter(\.isFinished)) == [.finished, .error, .abandoned])
        #expect(makeJob("j", state: .error).isFinished)
        #expect(!makeJob("j", state: .uploading).isFinished)
    }

    @Test("states are spelled as media-nommer stored them")
    func rawValues() {
        #expect(JobState.allCases.map(\.rawValue)
                == ["PENDING", "DOWNLOADING", "ENCODING", "UPLOADING", "FINISHED", "ERROR", "ABANDONED"])
    }

    @Test("moving to DOWNLOADING sets startedAt and counts an attempt")
    func downloadingStartsAttempt() throws {
        var job = makeJob("j", createdAt: 0)
        #expect(job.startedAt == nil)
        #expect(job.attempts == 0)
        try job.transition(to: .downloading, at: 42)
        #expect(job.startedAt == 42)
        #expect(job.attempts == 1)
    }

    @Test("later transitions keep startedAt and attempts")
    func laterTransitionsKeepStart() throws {
        var job = makeJob("j", createdAt: 0)
        try job.transition(to: .downloading, at: 42)
        try job.transition(to: .encoding, at: 50)
        try job.transition(to: .uploading, at: 60)
        try job.transition(to: .finished, at: 70)
        #expect(job.startedAt == 42)
        #expect(job.attempts == 1)
        #expect(job.lastModifiedAt == 70)
    }

    @Test("a transition replaces the state details, and none clears them")
    func transitionReplacesDetails() throws {
        var job = makeJob("j", state: .downloading, details: "old")
        try job.transition(to: .encoding, details: "encoding pass 1", at: 1)
        #expect(job.stateDetails == "encoding pass 1")
        try job.transition(to: .uploading, at: 2)
        #expect(job.stateDetails == nil)
    }

    @Test("restart from an in-progress state goes back to DOWNLOADING as a new attempt",
          arguments: [JobState.downloading, .encoding, .uploading])
    func restartInProgress(state: JobState) throws {
        var job = makeJob("j", state: state, createdAt: 0, lastModifiedAt: 100, startedAt: 50, attempts: 1)
        try job.restart(at: 500)
        #expect(job.state == .downloading)
        #expect(job.attempts == 2)
        #expect(job.startedAt == 500)
        #expect(job.lastModifiedAt == 500)
        #expect(job.stateDetails == "restarted after a lost worker (attempt 2)")
    }

    @Test("restart from PENDING or a finished state throws cannotRestart and leaves the job unchanged",
          arguments: [JobState.pending, .finished, .error, .abandoned])
    func restartRefused(state: JobState) {
        let original = makeJob("j", state: state, createdAt: 0, lastModifiedAt: 100, attempts: 1)
        var job = original
        #expect(throws: JobTransitionError.cannotRestart(job: JobID("j"), state: state)) {
            try job.restart(at: 500)
        }
        #expect(job == original)
    }

    @Test("touch changes only lastModifiedAt")
    func touch() {
        let original = makeJob("j", state: .encoding, createdAt: 0, lastModifiedAt: 100, startedAt: 10, attempts: 1,
                               details: "pass 2")
        var job = original
        job.touch(at: 250)
        #expect(job.lastModifiedAt == 250)
        #expect(job.state == .encoding)
        #expect(job.stateDetails == "pass 2")
        #expect(job.startedAt == 10)
        #expect(job.attempts == 1)
        job.touch(at: 100)
        #expect(job == original)
    }

    @Test("a new job is PENDING, last modified when created")
    func newJobDefaults() {
        let job = EncodingJob(id: JobID("n"), sourceURI: "a", destinationURI: "b", nommer: "ffmpeg", createdAt: 7)
        #expect(job.state == .pending)
        #expect(job.lastModifiedAt == 7)
        #expect(job.jobOptionsJSON == "{}")
        #expect(job.notifyURL == nil)
    }
}
