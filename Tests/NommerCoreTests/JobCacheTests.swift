import NommerCore
import Testing

@Suite("JobCache")
struct JobCacheTests {
    @Test("loadAtStartup keeps only unfinished jobs and replaces what was cached")
    func loadAtStartupKeepsUnfinished() {
        var cache = JobCache()
        cache.update(makeJob("old"))
        cache.loadAtStartup([
            makeJob("p", state: .pending), makeJob("d", state: .downloading), makeJob("u", state: .uploading),
            makeJob("f", state: .finished), makeJob("e", state: .error), makeJob("a", state: .abandoned),
        ])
        #expect(cache.allJobs.map(\.id.rawValue).sorted() == ["d", "p", "u"])
        #expect(cache.count == 3)
        #expect(cache.unfinishedCount == 3)
        #expect(!cache.contains(JobID("old")))
        #expect(cache.count(in: .finished) == 0)
        #expect(cache.count(in: .pending) == 1)
    }

    @Test("update then job(_:) and contains find the job")
    func updateAndGet() {
        var cache = JobCache()
        let job = makeJob("a", createdAt: 3)
        cache.update(job)
        #expect(cache.job(JobID("a")) == job)
        #expect(cache.contains(JobID("a")))
        #expect(cache.job(JobID("b")) == nil)
        #expect(!cache.contains(JobID("b")))
    }

    @Test("update of a cached id replaces the record")
    func updateReplaces() {
        var cache = JobCache()
        cache.update(makeJob("a"))
        let newer = makeJob("a", state: .encoding, lastModifiedAt: 9)
        cache.update(newer)
        #expect(cache.count == 1)
        #expect(cache.job(JobID("a")) == newer)
    }

    @Test("remove returns the job and forgets it; removing an unknown id returns nil")
    func remove() {
        var cache = JobCache()
        let job = makeJob("a", state: .encoding)
        cache.update(job)
        #expect(cache.remove(JobID("a")) == job)
        #expect(!cache.contains(JobID("a")))
        #expect(cache.count == 0)
        #expect(cache.count(in: .encoding) == 0)
        #expect(cache.remove(JobID("a")) == nil)
    }

    @Test("counts per state and unfinishedCount follow updates that change state")
    func countsFollowStateChanges() {
        var cache = JobCache()
        cache.update(makeJob("a"))
        cache.update(makeJob("b"))
        #expect(cache.count(in: .pending) == 2)
        #expect(cache.unfinishedCount == 2)

        cache.update(makeJob("a", state: .downloading))
        #expect(cache.count(in: .pending) == 1)
        #expect(cache.count(in: .downloading) == 1)
        #expect(cache.unfinishedCount == 2)

        cache.update(makeJob("a", state: .finished))
        cache.update(makeJob("b", state: .error))
        #expect(cache.count(in: .downloading) == 0)
        #expect(cache.count(in: .pending) == 0)
        #expect(cache.count(in: .finished) == 1)
        #expect(cache.count(in: .error) == 1)
        #expect(cache.unfinishedCount == 0)
        #expect(cache.count == 2)
        #expect(JobState.allCases.map { cache.count(in: $0) }.reduce(0, +) == cache.count)
    }

    @Test("refresh applies fresh records and removes the ids the store no longer has")
    func refreshWithMissing() {
        var cache = JobCache()
        cache.update(makeJob("a"))
        cache.update(makeJob("b"))
        cache.update(makeJob("c"))
        cache.refresh(with: [makeJob("a", state: .encoding)], missing: [JobID("b")])
        #expect(cache.job(JobID("a"))?.state == .encoding)
        #expect(!cache.contains(JobID("b")))
        #expect(cache.contains(JobID("c")))
        #expect(cache.count == 2)
        #expect(cache.count(in: .pending) == 1)
        #expect(cache.count(in: .encoding) == 1)
    }

    @Test("uncacheFinishedJobs drops the finished jobs, returns how many, and keeps the rest")
    func uncacheFinished() {
        var cache = JobCache()
        cache.update(makeJob("p"))
        cache.update(makeJob("u", state: .uploading))
        cache.update(makeJob("f", state: .finished))
        cache.update(makeJob("e", state: .error))
        cache.update(makeJob("a", state: .abandoned))
        #expect(cache.uncacheFinishedJobs() == 3)
        #expect(cache.allJobs.map(\.id.rawValue).sorted() == ["p", "u"])
        #expect(cache.count(in: .finished) == 0)
        #expect(cache.count(in: .error) == 0)
        #expect(cache.count(in: .abandoned) == 0)
        #expect(cache.unfinishedCount == 2)
        #expect(cache.uncacheFinishedJobs() == 0)
    }

    @Test("uncacheFinishedJobs keeps a job whose finished record was replaced by an unfinished one, and survives removed and repeated ids")
    func uncacheFinishedAfterReplacement() {
        var cache = JobCache()
        cache.update(makeJob("f", state: .finished))
        cache.update(makeJob("f", state: .finished))       // the same finished record twice
        cache.update(makeJob("back", state: .finished))
        cache.update(makeJob("back", state: .uploading))   // a stale read replaces it
        cache.update(makeJob("gone", state: .error))
        cache.remove(JobID("gone"))
        #expect(cache.update(makeJob("new", state: .pending)) == nil)
        #expect(cache.update(makeJob("new", state: .encoding)) == .pending)
        #expect(cache.count(in: .finished) == 1)
        #expect(cache.uncacheFinishedJobs() == 1)
        #expect(cache.allJobs.map(\.id.rawValue).sorted() == ["back", "new"])
        #expect(cache.count(in: .finished) == 0)
        #expect(cache.unfinishedCount == 2)
        #expect(cache.count == 2)
        // A job that finishes after a prune is dropped by the next one.
        cache.update(makeJob("back", state: .finished))
        #expect(cache.uncacheFinishedJobs() == 1)
        #expect(cache.allJobs.map(\.id.rawValue) == ["new"])
    }

    @Test("staleJobs lists unfinished jobs idle strictly longer than the threshold, sorted by id")
    func staleJobs() {
        var cache = JobCache()
        cache.update(makeJob("c", state: .encoding, lastModifiedAt: 0))
        cache.update(makeJob("a", lastModifiedAt: 50))
        cache.update(makeJob("b", state: .uploading, lastModifiedAt: 100)) // exactly at the threshold
        cache.update(makeJob("d", state: .downloading, lastModifiedAt: 150))
        cache.update(makeJob("f", state: .finished, lastModifiedAt: 0))
        #expect(cache.staleJobs(thresholdSeconds: 100, now: 200) == [JobID("a"), JobID("c")])
        #expect(cache.staleJobs(thresholdSeconds: 100, now: 200.5).map(\.rawValue) == ["a", "b", "c"])
        #expect(cache.staleJobs(thresholdSeconds: 1000, now: 200).isEmpty)
    }

    @Test("jobs(in:) lists one state's jobs by creation time, then id")
    func jobsInStateSorted() {
        var cache = JobCache()
        cache.update(makeJob("b", createdAt: 5))
        cache.update(makeJob("a", createdAt: 5))
        cache.update(makeJob("c", createdAt: 1))
        cache.update(makeJob("z", state: .encoding, createdAt: 0))
        #expect(cache.jobs(in: .pending).map(\.id.rawValue) == ["c", "a", "b"])
        #expect(cache.jobs(in: .encoding).map(\.id.rawValue) == ["z"])
        #expect(cache.jobs(in: .error).isEmpty)
        #expect(cache.allJobs.map(\.id.rawValue) == ["z", "c", "a", "b"])
    }
}
