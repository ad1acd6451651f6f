import Foundation
import Hummingbird
import NommerLive
import NommerNommers

/// An error answered as JSON: `{"error": message, "field": field}`.
struct APIError: Error, HTTPResponseError {
    let status: HTTPResponse.Status
    let field: String?
    let message: String

    static func badRequest(_ error: JobRequestError) -> APIError {
        APIError(status: .badRequest, field: error.field, message: error.description)
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var body: [String: String] = ["error": message]
        if let field { body["field"] = field }
        return JSONResponse.make(status: status, data: JobJSON.encode(body))
    }
}

/// JSON responses.
enum JSONResponse {
    static func make(status: HTTPResponse.Status, data: Data) -> Response {
        Response(status: status, headers: [.contentType: "application/json"],
                 body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
