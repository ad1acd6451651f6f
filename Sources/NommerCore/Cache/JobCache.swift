/// The feeder's in-memory view of active jobs (media-nommer's `JobCache`).
///
/// Holds unfinished jobs, plus finished ones until the next
/// ``uncacheFinishedJobs()``. Keeps a count per state so the spawn policy's
/// "unfinished jobs" is O(1). Anything listed is sorted, so Dictionary order
/// never reaches output.
public struct JobCache: Sendable {
    private var jobs: [JobID: EncodingJob] = [:]
    private var countsByState = [Int](repeating: 0, count: JobState.allCases.count)
    /// Ids of jobs that entered a finished state since the last
    /// ``uncacheFinishedJobs()`` (some may have left the cache or been
    /// replaced since), so pruning removes them one by one instead of
    /// rebuilding the whole dictionary.
    private var finishedSincePrune: [JobID] = []

    public init() {}

    /// Jobs in the cache. O(1).
    public var count: Int { jobs.count }

    /// Cached jobs in an unfinished state. O(1).
    public var unfinishedCount: Int {
        countsByState[0] + countsByState[1] + countsByState[2] + countsByState[3]
    }

    /// Cached jobs in `state`. O(1).
    public func count(in state: JobState) -> Int { countsByState[state.ordinal] }

    /// Replaces the cache's contents with the unfinished jobs read at start-up
    /// (`load_recent_jobs_at_startup`). O(n).
    public mutating func loadAtStartup(_ unfinished: [EncodingJob]) {
        jobs.removeAll(keepingCapacity: true)
        countsByState = [Int](repeating: 0, count: JobState.allCases.count)
        finishedSincePrune.removeAll()
        for job in unfinished where !job.isFinished { update(job) }
    }

    /// The cached job with this id (`get_job`). O(1).
    public func job(_ id: JobID) -> EncodingJob? { jobs[id] }

    /// Whether a job with this id is cached (`is_job_cached`). O(1).
    public func contains(_ id: JobID) -> Bool { jobs[id] != nil }

    /// Adds or replaces a job (`update_job`); returns the state of the job
    /// it replaced (nil if it was not cached). O(1).
    @discardableResult
    public mutating func update(_ job: EncodingJob) -> JobState? {
        let state = job.state
        if state.isFinished { finishedSincePrune.append(job.id) }
        countsByState[state.ordinal] += 1
        guard let old = jobs.updateValue(job, forKey: job.id) else { return nil }
        countsByState[old.state.ordinal] -= 1
        return old.state
    }

    /// Applies fresh records read from the store for jobs named on the
    /// state-change queue (`refresh_jobs_with_state_changes`); ids the store no
    /// longer has are removed. O(k).
    public mutating func refresh(with records: [EncodingJob], missing: [JobID] = []) {
        for job in records { update(job) }
        for id in missing { remove(id) }
    }

    /// Removes a job (`remove_job`). O(1).
    @discardableResult
    public mutating func remove(_ id: JobID) -> EncodingJob? {
        guard let old = jobs.removeValue(forKey: id) else { return nil }
        countsByState[old.state.ordinal] -= 1
        return old
    }

    /// Drops every finished job (`uncache_finished_jobs`); returns how many.
    /// O(jobs finished since the last prune).
    @discardableResult
    public mutating func uncacheFinishedJobs() -> Int {
        let finished = countsByState[4] + countsByState[5] + countsByState[6]
        defer { finishedSincePrune.removeAll(keepingCapacity: true) }
        guard finished > 0 else { return 0 }
        for id in finishedSincePrune where jobs[id]?.isFinished == true {
            jobs.removeValue(forKey: id)
        }
        countsByState[4] = 0
        countsByState[5] = 0
        countsByState[6] = 0
        return finished
    }

    /// Unfinished jobs whose record has not changed for more than
    /// `thresholdSeconds` at `now`: the candidates for ABANDONED
    /// (`abandon_stale_jobs` finds them; the feeder re-reads them before
    /// abandoning). Sorted by id. O(n log n).
    public func staleJobs(thresholdSeconds: Seconds, now: Seconds) -> [JobID] {
        jobs.values.filter { !$0.isFinished && now - $0.lastModifiedAt > thresholdSeconds }
            .map(\.id).sorted()
    }

    /// Cached jobs in `state`, oldest first (ties by id) (`get_jobs_with_state`). O(n log n).
    public func jobs(in state: JobState) -> [EncodingJob] {
        jobs.values.filter { $0.state == state }
            .sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
    }

    /// Every cached job, oldest first (`get_cached_jobs`). O(n log n).
    public var allJobs: [EncodingJob] {
        jobs.values.sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
    }
}
