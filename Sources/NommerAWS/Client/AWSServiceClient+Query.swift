import Foundation
import SWXMLHash

extension AWSServiceClient {
    /// An AWS query-protocol call (EC2): `POST /` with the form-encoded
    /// parameters `Action`, `Version` and `parameters`; returns the parsed XML.
    public func query(action: String, version: String, _ parameters: [(name: String, value: String)]) async throws(AWSError) -> XMLIndexer {
        let all = [(name: "Action", value: action), (name: "Version", value: version)] + parameters
        let body = all.map { "\(AWSURIEncoding.encode($0.name))=\(AWSURIEncoding.encode($0.value))" }.joined(separator: "&")
        let response = try await send(method: "POST", headers: [
            (name: "Content-Type", value: "application/x-www-form-urlencoded; charset=utf-8"),
        ], body: Array(body.utf8))
        return XMLHash.config { $0.shouldProcessNamespaces = false }.parse(Data(response.body))
    }
}
