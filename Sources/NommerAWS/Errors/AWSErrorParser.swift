import Foundation
import SWXMLHash

/// Reads an error response into an ``AWSServiceError``.
enum AWSErrorParser {
    /// Parses `body` (JSON or XML, by its first character); falls back to
    /// the `x-amzn-ErrorType` header and finally to the HTTP status.
    static func parse(service: String, status: Int, headers: [(name: String, value: String)],
                      body: [UInt8]) -> AWSServiceError {
        let requestID = header("x-amzn-RequestId", headers) ?? header("x-amz-request-id", headers)
        let text = String(decoding: body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        var code: String?
        var message: String?
        var bodyRequestID: String?
        if text.hasPrefix("{") {
            (code, message) = parseJSON(body)
        } else if text.hasPrefix("<") {
            (code, message, bodyRequestID) = parseXML(text)
        }
        if code == nil, let typeHeader = header("x-amzn-ErrorType", headers) {
            code = cleanCode(typeHeader)
        }
        return AWSServiceError(
            service: service,
            code: code ?? (status == 429 ? "TooManyRequestsException" : "HTTP\(status)"),
            message: message ?? (text.isEmpty ? "no message" : String(text.prefix(200))),
            httpStatus: status,
            requestID: requestID ?? bodyRequestID)
    }

    static func header(_ name: String, _ headers: [(name: String, value: String)]) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// `com.amazonaws.sqs#QueueDoesNotExist` -> `QueueDoesNotExist`;
    /// `Foo:http://internal.amazon.com/...` -> `Foo`.
    static func cleanCode(_ raw: String) -> String {
        var code = Substring(raw)
        if let colon = code.firstIndex(of: ":") { code = code[..<colon] }
        if let hash = code.lastIndex(of: "#") { code = code[code.index(after: hash)...] }
        return code.trimmingCharacters(in: .whitespaces)
    }

    static func parseJSON(_ body: [UInt8]) -> (String?, String?) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else {
            return (nil, nil)
        }
        let code = ((object["__type"] ?? object["code"] ?? object["Code"]) as? String).map(cleanCode)
        let message = (object["message"] ?? object["Message"] ?? object["errorMessage"]) as? String
        return (code, message)
    }

    /// Finds the first `Code`, `Message` and `RequestId`/`RequestID` anywhere
    /// in the document (query protocol: `ErrorResponse/Error/Code`; EC2 and
    /// SimpleDB: `Response/Errors/Error/Code`).
    static func parseXML(_ text: String) -> (String?, String?, String?) {
        let document = XMLHash.parse(text)
        var code: String?
        var message: String?
        var requestID: String?
        func walk(_ node: XMLIndexer) {
            for child in node.children {
                guard let element = child.element else { continue }
                switch element.name {
                case "Code" where code == nil: code = element.text
                case "Message" where message == nil: message = element.text
                case "RequestId", "RequestID":
                    if requestID == nil { requestID = element.text }
                default: walk(child)
                }
            }
        }
        walk(document)
        return (code.map(cleanCode), message, requestID)
    }
}
