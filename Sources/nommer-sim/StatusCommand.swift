import ArgumentParser
import Foundation

/// `nommer-sim status`: prints one job, or the jobs in a state, from the job API.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Print a job (by id) or a list of jobs (optionally in one state) from a running job API.")

    @OptionGroup var api: APIClientOptions

    @Argument(help: "The job's id; without it, jobs are listed.")
    var jobID: String?

    @Option(help: "List only jobs in this state (PENDING, DOWNLOADING, ENCODING, UPLOADING, FINISHED, ERROR, ABANDONED).")
    var state: String?

    @Option(parsing: .unconditional, help: "List at most this many jobs.")
    var limit: Int = 100

    func validate() throws {
        if jobID != nil, state != nil { throw ValidationError("give a job id or --state, not both") }
        try OptionChecks.atLeast(limit, 1, "--limit")
    }

    func run() throws {
        if let jobID {
            let escaped = jobID.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? jobID
            try api.report(try api.send(.get, "/jobs/\(escaped)"))
        } else {
            var query = "limit=\(limit)"
            if let state {
                query += "&state=" + (state.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? state)
            }
            try api.report(try api.send(.get, "/jobs?\(query)"))
        }
    }
}
