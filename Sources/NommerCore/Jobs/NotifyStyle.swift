/// How a job's notify URL is called when its state changes.
public enum NotifyStyle: String, Sendable, CaseIterable, Codable, Hashable {
    /// POST the job as JSON once, when it reaches a finished state.
    case json
    /// media-nommer's callback: a form-encoded POST (`unique_id`, `job_state`,
    /// `job_state_details`) on every state change.
    case legacy
}
