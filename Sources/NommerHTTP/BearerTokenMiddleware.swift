import Hummingbird

/// Requires `Authorization: Bearer TOKEN` on every route but `/health`.
struct BearerTokenMiddleware<Context: RequestContext>: RouterMiddleware {
    let token: String

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if request.uri.path == "/health" { return try await next(request, context) }
        guard let given = Self.bearerToken(request.headers[.authorization] ?? ""), Self.constantTimeEqual(given, token) else {
            throw APIError(status: .unauthorized, field: "Authorization", message: "a valid bearer token is required")
        }
        return try await next(request, context)
    }

    /// The token of an `Authorization: Bearer TOKEN` header: the scheme is
    /// case-insensitive (RFC 7235 section 2.1: `bearer`, `BEARER`), one or more
    /// spaces follow it; nil for another scheme or no token.
    static func bearerToken(_ header: String) -> String? {
        let scheme = header.prefix { $0 != " " }
        guard scheme.lowercased() == "bearer" else { return nil }
        let token = header.dropFirst(scheme.count).drop { $0 == " " }
        return token.isEmpty ? nil : String(token)
    }

    /// Compares without stopping at the first difference, so timing does not reveal the token.
    static func constantTimeEqual(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(lhs.utf8)
        let right = Array(rhs.utf8)
        var difference = UInt8(left.count == right.count ? 0 : 1)
        for index in 0..<max(left.count, right.count) {
            let a = index < left.count ? left[index] : 0
            let b = index < right.count ? right[index] : 0
            difference |= a ^ b
        }
        return difference == 0
    }
}
