import NommerCore

/// Calls jobs' notify URLs. The live feeder driver hands it every job whose
/// state it sees change; the notifier decides, by the job's
/// ``EncodingJob/notifyStyle``, whether to call (JSON: finished states only;
/// legacy: every change).
///
/// ## Implementation requirements
/// `jobChanged` returns at once: delivery (with retries and backoff) happens
/// in the background, so a slow or failing endpoint never blocks a worker or
/// the feeder.
public protocol JobNotifier: Sendable {
    func jobChanged(_ job: EncodingJob)
}
