import Foundation
import Hummingbird
import NommerCore
import NommerLive
import NommerNommers

/// The handlers of the job API.
struct JobRoutes: Sendable {
    let service: any JobService
    let validator: JobRequestValidator
    let settings: APISettings
    let metrics: @Sendable () async -> String

    /// Every route's path (`:id` is one path segment) and methods; what
    /// ``add(to:)`` registers, for the 405 answer of ``UnmatchedRouteMiddleware``.
    static let table: [(path: String, methods: [HTTPRequest.Method])] = [
        ("/health", [.get]), ("/metrics", [.get]), ("/jobs", [.get, .post]), ("/jobs/:id", [.get]),
        ("/jobs/:id/cancel", [.post]), ("/job/submit", [.post]),
    ]

    /// The methods ``table`` serves at `path`; empty when no route has that path.
    static func methods(forPath path: String) -> [HTTPRequest.Method] {
        let segments = path.split(separator: "/")
        var methods: [HTTPRequest.Method] = []
        for route in table {
            let pattern = route.path.split(separator: "/")
            guard pattern.count == segments.count,
                  zip(pattern, segments).allSatisfy({ $0.hasPrefix(":") || $0 == $1 }) else { continue }
            for method in route.methods where !methods.contains(method) { methods.append(method) }
        }
        return methods
    }

    func add<Context: RequestContext>(to router: Router<Context>) {
        router.get("/health") { _, _ in JSONResponse.make(status: .ok, data: Data(#"{"status":"ok"}"#.utf8)) }
        router.get("/metrics") { _, _ in
            let text = await metrics()
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
        }
        router.post("/jobs") { request, _ in
            let body = try await jsonObject(request)
            let jobRequest: JobRequest
            do throws(JobRequestError) { jobRequest = try validator.jobRequest(from: body) } catch { throw APIError.badRequest(error) }
            let job = try await backend { () async throws(BackendError) in try await service.submit(jobRequest) }
            return JSONResponse.make(status: .created, data: JobJSON.encode(job))
        }
        router.get("/jobs") { request, _ in
            var state: JobState?
            if let text = request.uri.queryParameters.get("state") {
                guard let parsed = JobState(rawValue: text.uppercased()) else {
                    let states = JobState.allCases.map(\.rawValue).joined(separator: ", ")
                    throw APIError(status: .badRequest, field: "state", message: "state: must be one of \(states)")
                }
                state = parsed
            }
            var limit = min(100, settings.maximumListLimit)
            if let text = request.uri.queryParameters.get("limit") {
                guard let parsed = Int(text), parsed >= 1, parsed <= settings.maximumListLimit else {
                    throw APIError(status: .badRequest, field: "limit",
                                   message: "limit: must be a whole number from 1 to \(settings.maximumListLimit)")
                }
                limit = parsed
            }
            let chosen = limit
            let jobs = try await backend { () async throws(BackendError) in try await service.jobs(in: state, limit: chosen) }
            return JSONResponse.make(status: .ok, data: JobJSON.encode(JobList(jobs: jobs.map(JobJSON.init))))
        }
        router.get("/jobs/:id") { _, context in
            let id = try jobID(context)
            guard let job = try await backend({ () async throws(BackendError) in try await service.job(id) }) else {
                throw APIError(status: .notFound, field: "id", message: "no job \(id)")
            }
            return JSONResponse.make(status: .ok, data: JobJSON.encode(job))
        }
        router.post("/jobs/:id/cancel") { _, context in
            let id = try jobID(context)
            let job = try await backend { () async throws(BackendError) in try await service.cancel(id) }
            return JSONResponse.make(status: .ok, data: JobJSON.encode(job))
        }
        router.post("/job/submit") { request, _ in
            do {
                let body = try await jsonObject(request)
                let jobRequest: JobRequest
                do throws(JobRequestError) { jobRequest = try validator.legacyRequest(from: body) } catch {
                    throw APIError.badRequest(error)
                }
                let job = try await backend { () async throws(BackendError) in try await service.submit(jobRequest) }
                return JSONResponse.make(status: .ok, data: JobJSON.encode(LegacySubmitAnswer(success: true, jobID: job.id.rawValue)))
            } catch let error as APIError {
                return JSONResponse.make(status: error.status,
                                         data: JobJSON.encode(LegacySubmitAnswer(success: false, message: error.message)))
            }
        }
    }

    /// The request body as a JSON object, within the size limit.
    private func jsonObject(_ request: Request) async throws -> [String: JSONValue] {
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: settings.maximumBodyBytes)
        } catch {
            throw APIError(status: .badRequest, field: "body",
                           message: "body: larger than \(settings.maximumBodyBytes) bytes")
        }
        let data = Data(buffer.readableBytesView)
        let value: JSONValue
        do { value = try JSONDecoder().decode(JSONValue.self, from: data) } catch {
            throw APIError(status: .badRequest, field: "body", message: "body: malformed JSON")
        }
        guard case .object(let object) = value else {
            throw APIError(status: .badRequest, field: "body", message: "body: must be a JSON object")
        }
        return object
    }

    private func jobID<Context: RequestContext>(_ context: Context) throws -> JobID {
        guard let text = context.parameters.get("id"), !text.isEmpty, text.utf8.count <= 128 else {
            throw APIError(status: .badRequest, field: "id", message: "id: missing or too long")
        }
        return JobID(text)
    }

    /// Runs a service call; an unknown job becomes 404, other backend failures 503.
    private func backend<T>(_ call: () async throws(BackendError) -> T) async throws -> T {
        do {
            return try await call()
        } catch .jobNotFound(let id) {
            throw APIError(status: .notFound, field: "id", message: "no job \(id)")
        } catch {
            throw APIError(status: .serviceUnavailable, field: nil, message: "backend: \(error)")
        }
    }
}

/// `GET /jobs`'s answer.
struct JobList: Encodable {
    let jobs: [JobJSON]
}

/// `POST /job/submit`'s answer, as media-nommer gave it.
struct LegacySubmitAnswer: Encodable {
    var success: Bool
    var jobID: String?
    var message: String?

    init(success: Bool, jobID: String? = nil, message: String? = nil) {
        self.success = success
        self.jobID = jobID
        self.message = message
    }

    enum CodingKeys: String, CodingKey {
        case success, message
        case jobID = "job_id"
    }
}
