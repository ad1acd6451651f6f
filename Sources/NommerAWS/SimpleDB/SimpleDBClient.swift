import Foundation
import SWXMLHash

/// Amazon SimpleDB (API 2009-04-15) over its query protocol, signed with
/// Signature Version 2 (HmacSHA256) in the form body.
public struct SimpleDBClient: Sendable {
    public let endpoint: URL
    /// The endpoint's region (`us-east-1`); sent in the User-Agent, where
    /// moto's server looks for it on SigV2 requests.
    public let region: String
    public let credentials: CredentialsCache
    public let retryPolicy: RetryPolicy
    public let transport: AWSHTTPTransport
    let clock: @Sendable () -> AWSTimestamp
    let sleep: @Sendable (Double) async -> Void

    public static let apiVersion = "2009-04-15"
    /// The longest attribute name, attribute value or item name, in bytes.
    public static let maximumAttributeBytes = 1024

    public init(endpoint: URL, region: String = "us-east-1", credentials: any CredentialsProvider, retryPolicy: RetryPolicy = RetryPolicy(),
                transport: AWSHTTPTransport = AWSHTTPTransport(),
                clock: @escaping @Sendable () -> AWSTimestamp = AWSTimestamp.now,
                sleep: @escaping @Sendable (Double) async -> Void = AWSServiceClient.taskSleep) throws(AWSError) {
        try AWSServiceClient.checkEndpoint(endpoint)
        self.endpoint = endpoint
        self.region = region
        self.credentials = (credentials as? CredentialsCache) ?? CredentialsCache(credentials, clock: clock)
        self.retryPolicy = retryPolicy
        self.transport = transport
        self.clock = clock
        self.sleep = sleep
    }

    var hostHeader: String {
        let host = (endpoint.host ?? "").lowercased()
        guard let port = endpoint.port else { return host }
        let isDefault = (endpoint.scheme == "http" && port == 80) || (endpoint.scheme == "https" && port == 443)
        return isDefault ? host : "\(host):\(port)"
    }

    /// Signs (SigV2, fresh timestamp per attempt), sends and retries `action`.
    public func call(_ action: String, _ parameters: [(name: String, value: String)]) async throws(AWSError) -> XMLIndexer {
        var url = endpoint.absoluteString
        while url.hasSuffix("/") { url.removeLast() }
        let response = try await retryPolicy.send(service: "sdb", sleep: sleep) { () async throws(AWSError) -> AWSHTTPResponse in
            let creds = try await credentials.required()
            let signed = SigV2Signer().sign(
                parameters: [("Action", action), ("Version", Self.apiVersion)] + parameters,
                method: "POST", host: hostHeader, path: "/", credentials: creds, at: clock())
            let body = signed.parameters.map { "\(AWSURIEncoding.encode($0.name))=\(AWSURIEncoding.encode($0.value))" }
                .joined(separator: "&")
            return try await transport.send(AWSHTTPRequest(
                method: "POST", url: url + "/",
                headers: [("Host", hostHeader), ("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
                          ("User-Agent", "nommer-sim region/\(region)")],
                body: Array(body.utf8)))
        }
        return XMLHash.config { $0.shouldProcessNamespaces = false }.parse(Data(response.body))
    }

    public func createDomain(_ domain: String) async throws(AWSError) {
        _ = try await call("CreateDomain", [("DomainName", domain)])
    }

    /// Replaces the named attributes of `item` (`Replace=true`). Every name,
    /// value and the item name are checked against the 1024-byte limit first.
    public func putAttributes(domain: String, item: String, attributes: [(name: String, value: String)]) async throws(AWSError) {
        if let tooLong = Self.firstOverLimit(item: item, attributes: attributes) {
            throw .invalidRequest("PutAttributes \(item): \(tooLong.name) is \(tooLong.bytes) bytes, over SimpleDB's limit of \(Self.maximumAttributeBytes)")
        }
        var parameters: [(name: String, value: String)] = [("DomainName", domain), ("ItemName", item)]
        for (index, attribute) in attributes.enumerated() {
            parameters.append(("Attribute.\(index + 1).Name", attribute.name))
            parameters.append(("Attribute.\(index + 1).Value", attribute.value))
            parameters.append(("Attribute.\(index + 1).Replace", "true"))
        }
        _ = try await call("PutAttributes", parameters)
    }

    /// The first of the item name, attribute names and values over 1024 bytes.
    static func firstOverLimit(item: String, attributes: [(name: String, value: String)]) -> (name: String, bytes: Int)? {
        if item.utf8.count > maximumAttributeBytes { return ("item name", item.utf8.count) }
        for attribute in attributes {
            if attribute.name.utf8.count > maximumAttributeBytes { return ("attribute name \(attribute.name.prefix(40))", attribute.name.utf8.count) }
            if attribute.value.utf8.count > maximumAttributeBytes { return (attribute.name, attribute.value.utf8.count) }
        }
        return nil
    }

    /// The item's attributes (empty when there is no such item).
    public func getAttributes(domain: String, item: String, consistentRead: Bool) async throws(AWSError) -> [String: String] {
        let xml = try await call("GetAttributes", [("DomainName", domain), ("ItemName", item),
                                                   ("ConsistentRead", consistentRead ? "true" : "false")])
        return SimpleDBResponse.attributes(xml["GetAttributesResponse"]["GetAttributesResult"])
    }

    /// Every item `expression` selects, following NextToken page by page.
    public func selectAll(_ expression: String, consistentRead: Bool) async throws(AWSError) -> (items: [(name: String, attributes: [String: String])], pages: Int) {
        var items: [(name: String, attributes: [String: String])] = []
        var token: String?
        var pages = 0
        repeat {
            var parameters: [(name: String, value: String)] = [("SelectExpression", expression),
                                                                ("ConsistentRead", consistentRead ? "true" : "false")]
            if let token { parameters.append(("NextToken", token)) }
            let page = SimpleDBResponse.selectPage(try await call("Select", parameters))
            items += page.items
            token = page.nextToken
            pages += 1
        } while token != nil
        return (items, pages)
    }
}

/// Reading SimpleDB's XML answers.
enum SimpleDBResponse {
    /// `<Attribute><Name>n</Name><Value>v</Value></Attribute>...` under `parent`.
    static func attributes(_ parent: XMLIndexer) -> [String: String] {
        var result: [String: String] = [:]
        for attribute in parent["Attribute"].all {
            guard let name = attribute["Name"].element?.text else { continue }
            result[name] = attribute["Value"].element?.text ?? ""
        }
        return result
    }

    /// The items and NextToken of a `SelectResponse`.
    static func selectPage(_ xml: XMLIndexer) -> (items: [(name: String, attributes: [String: String])], nextToken: String?) {
        let result = xml["SelectResponse"]["SelectResult"]
        let items = result["Item"].all.compactMap { item -> (name: String, attributes: [String: String])? in
            guard let name = item["Name"].element?.text else { return nil }
            return (name, attributes(item))
        }
        let token = result["NextToken"].element?.text
        return (items, token?.isEmpty == false ? token : nil)
    }
}
