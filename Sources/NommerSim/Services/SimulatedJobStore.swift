import DequeModule
import NommerCore

/// A SimpleDB domain of job records in virtual time.
///
/// - Every attribute value must fit SimpleDB's 1024 bytes, checked on `put`.
/// - Eventual consistency: for `eventualConsistencySeconds` after a write, a
///   read without `consistent` returns the previous version.
/// - A finished record is final: a later write to it is refused and counted
///   (in a real store that is a conditional write failing).
/// - Finished records are dropped `finishedRetentionSeconds` after they
///   finish, so memory follows the jobs in progress, not every job ever run.
struct SimulatedJobStore {
    /// SimpleDB's limit on one attribute value, in bytes.
    static let attributeLimitBytes = 1024

    private struct Record {
        var current: EncodingJob
        var previous: EncodingJob?
        var writtenAt: Seconds
    }

    let eventualConsistencySeconds: Seconds
    let finishedRetentionSeconds: Seconds
    /// Records in slots of an array, found by id through `slotIndex`: reads
    /// and in-place writes of an array element copy nothing (a Dictionary's
    /// values subscript copies the whole record out to read one field).
    /// Freed slots are reused, so memory follows the records held.
    private var slots: [Record] = []
    private var slotIndex = SlotIndex()
    private var freeSlots: [Int] = []
    private var finishedOrder = Deque<(finishedAt: Seconds, id: JobID)>()

    /// Writes refused because the record was already finished.
    private(set) var refusedWrites = 0

    init(eventualConsistencySeconds: Seconds = 0, finishedRetentionSeconds: Seconds = 3600) {
        self.eventualConsistencySeconds = eventualConsistencySeconds
        self.finishedRetentionSeconds = finishedRetentionSeconds
    }

    /// Records held now.
    var count: Int { slotIndex.count }

    /// What a write replaced: the few fields of the previous record the
    /// simulator measures with (a summary, so a write copies no job).
    struct Replaced {
        /// The previous record's state.
        let state: JobState
        /// The previous record's ``EncodingJob/attempts``.
        let attempts: Int
    }

    /// Writes the record; returns what it replaced (nil for a new record).
    @discardableResult
    mutating func put(_ job: consuming EncodingJob, at now: Seconds) throws(BackendError) -> Replaced? {
        try Self.checkAttributes(job)
        purge(now)
        // The job is moved into the store (its last use below), not copied.
        let id = job.id
        let isFinished = job.isFinished
        if let slot = slotIndex[id] {
            // Mutate in place: copying a record out and back would copy two jobs.
            let replaced = Replaced(state: slots[slot].current.state, attempts: slots[slot].current.attempts)
            if replaced.state.isFinished {
                refusedWrites += 1
                throw .service(code: "ConditionalCheckFailed", message: "job \(id) is already \(replaced.state.rawValue)")
            }
            if eventualConsistencySeconds > 0 {
                slots[slot].previous = slots[slot].current
            }
            slots[slot].writtenAt = now
            slots[slot].current = job
            if isFinished { finishedOrder.append((now, id)) }
            return replaced
        }
        let record = Record(current: job, previous: nil, writtenAt: now)
        if let slot = freeSlots.popLast() {
            slots[slot] = record
            slotIndex[id] = slot
        } else {
            slotIndex[id] = slots.count
            slots.append(record)
        }
        if isFinished { finishedOrder.append((now, id)) }
        return nil
    }

    /// The record, or nil. An eventually consistent read within the window
    /// after a write sees the previous version (nil for a new record).
    ///
    /// Reads are `mutating` (they change nothing) for speed: called through
    /// the simulation's stored property, a non-mutating method that is not
    /// inlined gets a copy of the whole store (five retains and releases);
    /// a mutating one works on it in place.
    mutating func get(_ id: JobID, consistent: Bool, at now: Seconds) -> EncodingJob? {
        guard let slot = slotIndex[id] else { return nil }
        if !consistent && eventualConsistencySeconds > 0 && now - slots[slot].writtenAt < eventualConsistencySeconds {
            return slots[slot].previous
        }
        return slots[slot].current
    }

    /// The records of `ids` that exist, in order, and the ids that do not.
    mutating func get(_ ids: [JobID], consistent: Bool, at now: Seconds) -> (records: [EncodingJob], missing: [JobID]) {
        var records: [EncodingJob] = []
        var missing: [JobID] = []
        records.reserveCapacity(ids.count)
        get(ids, consistent: consistent, at: now, into: &records, missing: &missing)
        return (records, missing)
    }

    /// Appends the records of `ids` that exist to `records`, in order, and
    /// the ids that do not to `missing` (buffers the caller reuses, so a
    /// heartbeat's read allocates nothing).
    mutating func get(_ ids: [JobID], consistent: Bool, at now: Seconds,
                      into records: inout [EncodingJob], missing: inout [JobID]) {
        for id in ids {
            if let record = get(id, consistent: consistent, at: now) { records.append(record) } else { missing.append(id) }
        }
    }

    /// Every unfinished record, sorted by id. O(n log n).
    func selectUnfinished() -> [EncodingJob] {
        slotIndex.slots.lazy.map { slots[$0].current }.filter { !$0.isFinished }.sorted { $0.id < $1.id }
    }

    /// Refuses a record with an attribute over SimpleDB's 1024 bytes.
    static func checkAttributes(_ job: EncodingJob) throws(BackendError) {
        let limit = attributeLimitBytes
        func check(_ name: String, _ value: String?) throws(BackendError) {
            guard let value else { return }
            let bytes = value.utf8.count
            if bytes > limit { throw .attributeTooLong(job: job.id, attribute: name, bytes: bytes, limit: limit) }
        }
        try check("source_path", job.sourceURI)
        try check("dest_path", job.destinationURI)
        try check("nommer", job.nommer)
        try check("job_options", job.jobOptionsJSON)
        try check("job_state_details", job.stateDetails)
        try check("notify_url", job.notifyURL)
    }

    private mutating func purge(_ now: Seconds) {
        while let first = finishedOrder.first, first.finishedAt <= now - finishedRetentionSeconds {
            finishedOrder.removeFirst()
            if let slot = slotIndex[first.id], slots[slot].current.isFinished {
                slotIndex[first.id] = nil
                slots[slot].previous = nil
                freeSlots.append(slot)
            }
        }
    }
}

/// Where each job's record is: ids with a serial number (`j<n>`, every
/// simulated job) in a ``SequentialTable`` (an array index, no hashing), any
/// other id in a dictionary.
private struct SlotIndex {
    private var bySerial = SequentialTable<Int>()
    private var byText: [JobID: Int] = [:]

    var count: Int { bySerial.count + byText.count }

    subscript(id: JobID) -> Int? {
        get {
            if let serial = id.serialNumber { return bySerial[serial] }
            return byText[id]
        }
        set {
            if let serial = id.serialNumber {
                if let newValue { bySerial.insert(newValue, for: serial) } else { bySerial.removeValue(for: serial) }
            } else {
                byText[id] = newValue
            }
        }
    }

    /// Every slot in use, in no particular order.
    var slots: [Int] { bySerial.values + Array(byText.values) }
}
