import Metrics
import NommerCore

/// The live runtime's metrics (swift-metrics; feederd exports them to
/// Prometheus). Names follow Prometheus's conventions, units in the names.
enum LiveMetrics {
    static func instances(_ state: InstanceState) -> Gauge {
        Gauge(label: "nommer_instances", dimensions: [("state", state.rawValue)])
    }
    static let queueVisible = Gauge(label: "nommer_new_job_queue_visible_messages")
    static let queueInFlight = Gauge(label: "nommer_new_job_queue_in_flight_messages")
    static let unfinishedJobs = Gauge(label: "nommer_unfinished_jobs")
    static let launches = Counter(label: "nommer_instances_launched_total")
    static let terminations = Counter(label: "nommer_instances_stopped_total")
    static func jobsEnded(_ state: JobState) -> Counter {
        Counter(label: "nommer_jobs_ended_total", dimensions: [("state", state.rawValue)])
    }
    static let stateChanges = Counter(label: "nommer_state_changes_total")
    static func backendErrors(_ operation: String) -> Counter {
        Counter(label: "nommer_backend_errors_total", dimensions: [("operation", operation)])
    }
}
