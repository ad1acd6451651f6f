import AsyncHTTPClient
import Foundation
import NIOCore
import NommerCore
import NommerLive

/// Calls jobs' notify URLs over HTTP, in the background, through the
/// ``GuardedHTTP`` client:
///
/// - `.json` jobs: one POST of the job (``JobJSON``, `application/json`) when
///   it reaches a finished state;
/// - `.legacy` jobs: media-nommer's form-encoded POST (`unique_id`,
///   `job_state`, `job_state_details`) on every state change.
///
/// A delivery is retried on a connection error or a status other than 2xx,
/// with ``RetryPolicy`` backoff, and given up after the last attempt. Give
/// it a client made with `retriesConnecting: false`, so that a refused
/// connection fails its attempt at once and the backoff applies.
/// `jobChanged` never waits; deliveries beyond ``maximumPendingDeliveries``
/// are dropped (and counted) rather than piling up. Deliveries to one URL are
/// not ordered with respect to each other. A change seen twice (the feeder
/// reading a redelivered state-change message) is sent once: the notifier
/// remembers the last ``rememberedChanges`` (job, state, time) it sent.
public final class HTTPNotifier: JobNotifier, @unchecked Sendable {
    public let http: GuardedHTTP
    public let retry: RetryPolicy
    /// Deadline of one try, in seconds.
    public let timeoutSeconds: Double
    /// Most deliveries in flight at once.
    public let maximumPendingDeliveries: Int
    /// How many recent changes are remembered to skip repeats.
    public let rememberedChanges: Int

    private let lock = NSLock()
    private var pending: [UInt64: Task<Void, Never>] = [:]
    private var nextID: UInt64 = 0
    private var counts = Counts()
    private var sent: RecentKeys<ChangeKey>

    /// One state change of one job.
    private struct ChangeKey: Hashable {
        let job: JobID
        let state: JobState
        let modifiedAt: Double
    }

    /// What has happened to deliveries so far.
    public struct Counts: Sendable, Equatable {
        public var delivered = 0
        public var failedAttempts = 0
        public var gaveUp = 0
        public var dropped = 0
        public var refused = 0
        /// Changes not sent again because they were already sent.
        public var repeats = 0

        public init(delivered: Int = 0, failedAttempts: Int = 0, gaveUp: Int = 0, dropped: Int = 0, refused: Int = 0,
                    repeats: Int = 0) {
            self.repeats = repeats
            self.delivered = delivered
            self.failedAttempts = failedAttempts
            self.gaveUp = gaveUp
            self.dropped = dropped
            self.refused = refused
        }
    }

    public init(http: GuardedHTTP, retry: RetryPolicy = RetryPolicy(), timeoutSeconds: Double = 10,
                maximumPendingDeliveries: Int = 1000, rememberedChanges: Int = 10_000) {
        self.http = http
        self.retry = retry
        self.timeoutSeconds = timeoutSeconds
        self.maximumPendingDeliveries = maximumPendingDeliveries
        self.rememberedChanges = rememberedChanges
        self.sent = RecentKeys(capacity: rememberedChanges)
    }

    public func jobChanged(_ job: EncodingJob) {
        guard let url = job.notifyURL, !url.isEmpty else { return }
        let request: HTTPClientRequest
        switch job.notifyStyle {
        case .json:
            guard job.isFinished else { return }
            request = Self.request(url, contentType: "application/json", body: JobJSON.encode(job))
        case .legacy:
            request = Self.request(url, contentType: "application/x-www-form-urlencoded",
                                   body: Data(Self.legacyForm(job).utf8))
        }
        // JSON callbacks are once per job (its one finished state); legacy ones once per change.
        let key = ChangeKey(job: job.id, state: job.notifyStyle == .json ? .finished : job.state,
                            modifiedAt: job.notifyStyle == .json ? 0 : job.lastModifiedAt)
        lock.lock()
        defer { lock.unlock() }
        guard sent.insert(key) else {
            counts.repeats += 1
            return
        }
        guard pending.count < maximumPendingDeliveries else {
            counts.dropped += 1
            return
        }
        nextID += 1
        let id = nextID
        pending[id] = Task.detached { [self] in
            await deliver(request)
            finish(id)
        }
    }

    /// Delivery counts so far.
    public var deliveryCounts: Counts {
        lock.lock(); defer { lock.unlock() }
        return counts
    }

    /// Waits until no delivery is in flight (for shutdown and tests).
    public func waitUntilIdle() async {
        while true {
            let tasks = lock.withLock { Array(pending.values) }
            if tasks.isEmpty { return }
            for task in tasks { await task.value }
        }
    }

    /// Cancels deliveries in flight (at shutdown).
    public func cancelAll() {
        let tasks = lock.withLock { Array(pending.values) }
        for task in tasks { task.cancel() }
    }

    /// media-nommer's callback body: `unique_id`, `job_state`, `job_state_details`, form-encoded.
    public static func legacyForm(_ job: EncodingJob) -> String {
        [("unique_id", job.id.rawValue), ("job_state", job.state.rawValue), ("job_state_details", job.stateDetails ?? "")]
            .map { "\($0.0)=\(formEncoded($0.1))" }
            .joined(separator: "&")
    }

    static func formEncoded(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._*")
        allowed = allowed.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        return (text.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
            .replacingOccurrences(of: "%20", with: "+")
    }

    private static func request(_ url: String, contentType: String, body: Data) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: contentType)
        request.headers.add(name: "User-Agent", value: "nommer-sim")
        request.body = .bytes(ByteBuffer(bytes: body))
        return request
    }

    private func deliver(_ request: HTTPClientRequest) async {
        for attempt in 1...retry.maximumAttempts {
            if Task.isCancelled { return }
            do {
                let status = try await http.withResponse(request, timeoutSeconds: timeoutSeconds) { response in
                    _ = try? await response.body.collect(upTo: 64 * 1024)
                    return response.status.code
                }
                if (200..<300).contains(status) {
                    count { $0.delivered += 1 }
                    return
                }
            } catch is AddressGuard.Refusal {
                count { $0.refused += 1 }
                return
            } catch {
                // A connection error: retried like a bad status.
            }
            count { $0.failedAttempts += 1 }
            guard attempt < retry.maximumAttempts else { break }
            let wait = retry.backoffSeconds(afterAttempt: attempt)
            do { try await Task.sleep(for: .milliseconds(Int64(wait * 1000))) } catch { return }
        }
        count { $0.gaveUp += 1 }
    }

    private func count(_ change: (inout Counts) -> Void) {
        lock.withLock { change(&counts) }
    }

    private func finish(_ id: UInt64) {
        lock.withLock { pending[id] = nil }
    }
}
