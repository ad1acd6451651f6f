import Hummingbird

/// Answers a request no route matches with a JSON error instead of
/// Hummingbird's empty 404: 405 with an `Allow` header when the path is one
/// of ``JobRoutes/table``'s but the method is not
/// (`{"error": "DELETE is not allowed on /jobs (allowed: GET, POST)", "field": "method"}`),
/// else 404 (`{"error": "no route for GET /nope", "field": "path"}`).
struct UnmatchedRouteMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let path = request.uri.path
            let shown = String(path.prefix(200)) + (path.count > 200 ? "..." : "")
            let allowed = JobRoutes.methods(forPath: path)
            guard !allowed.isEmpty else {
                throw APIError(status: .notFound, field: "path", message: "no route for \(request.method) \(shown)")
            }
            let list = allowed.map(\.rawValue).joined(separator: ", ")
            var response = try APIError(status: .methodNotAllowed, field: "method",
                                        message: "\(request.method) is not allowed on \(shown) (allowed: \(list))")
                .response(from: request, context: context)
            response.headers[.allow] = list
            return response
        }
    }
}
