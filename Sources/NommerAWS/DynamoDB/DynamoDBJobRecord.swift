import NommerCore

/// How an ``EncodingJob`` is laid out as a DynamoDB item. `unfinished` is
/// present (`"1"`) only while the job is not in a finished state, so the
/// index on it is sparse: it holds exactly the unfinished jobs. `version`
/// counts writes, for conditional (optimistic) updates.
enum DynamoDBJobRecord {
    static func item(_ job: EncodingJob, version: Int) -> DynamoDBItem {
        var item: DynamoDBItem = [
            "job_id": .string(job.id.rawValue),
            "source_uri": .string(job.sourceURI),
            "destination_uri": .string(job.destinationURI),
            "nommer": .string(job.nommer),
            "job_options": .string(job.jobOptionsJSON),
            "notify_style": .string(job.notifyStyle.rawValue),
            "job_state": .string(job.state.rawValue),
            "created_at": .number(job.createdAt),
            "last_modified_at": .number(job.lastModifiedAt),
            "attempts": .number(job.attempts),
            "version": .number(version),
        ]
        if let url = job.notifyURL { item["notify_url"] = .string(url) }
        if let details = job.stateDetails { item["state_details"] = .string(details) }
        if let started = job.startedAt { item["started_at"] = .number(started) }
        if !job.state.isFinished { item["unfinished"] = .string("1") }
        return item
    }

    /// The job in `item`; an error naming the attribute when one is missing or malformed.
    static func job(_ item: DynamoDBItem, table: String) throws(AWSError) -> EncodingJob {
        func string(_ name: String) throws(AWSError) -> String {
            guard let value = item[name]?.stringValue else { throw bad(name) }
            return value
        }
        func number(_ name: String) throws(AWSError) -> Double {
            guard let value = item[name]?.doubleValue else { throw bad(name) }
            return value
        }
        func bad(_ name: String) -> AWSError {
            .invalidResponse("table \(table), item \(item["job_id"]?.stringValue ?? "?"): attribute \(name) missing or malformed")
        }
        guard let state = JobState(rawValue: try string("job_state")) else { throw bad("job_state") }
        guard let style = NotifyStyle(rawValue: try string("notify_style")) else { throw bad("notify_style") }
        return EncodingJob(
            id: JobID(try string("job_id")), sourceURI: try string("source_uri"),
            destinationURI: try string("destination_uri"), nommer: try string("nommer"),
            jobOptionsJSON: try string("job_options"), notifyURL: item["notify_url"]?.stringValue,
            notifyStyle: style, state: state, stateDetails: item["state_details"]?.stringValue,
            createdAt: try number("created_at"), lastModifiedAt: try number("last_modified_at"),
            startedAt: item["started_at"]?.doubleValue, attempts: item["attempts"]?.intValue ?? 0)
    }
}
