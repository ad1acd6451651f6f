import Foundation
import XCTest
@testable import NommerAWS

/// One case of AWS's SigV4 test suite, read from its folder.
struct SigV4SuiteCase {
    let name: String
    let folder: URL
    let method: String
    let target: String
    let version: String
    /// Raw header lines: name and everything after the colon (folded lines kept).
    let rawHeaders: [(name: String, value: String)]
    let body: [UInt8]
    let credentials: AWSCredentials
    let region: String
    let service: String
    let timestamp: AWSTimestamp
    let normalize: Bool
    let signBody: Bool
    let omitSessionToken: Bool
    let expiresSeconds: Int

    var path: String { String(target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0]) }
    var rawQuery: String? {
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        return parts.count > 1 ? String(parts[1]) : nil
    }

    var request: SigV4Request {
        let query: [(name: String, value: String)] = (rawQuery ?? "").split(separator: "&").map { pair in
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (AWSURIEncoding.decode(String(kv[0])), kv.count > 1 ? AWSURIEncoding.decode(String(kv[1])) : "")
        }
        return SigV4Request(method: method, path: path, query: query, headers: rawHeaders, body: body)
    }

    var signer: SigV4Signer {
        SigV4Signer(region: region, service: service, normalizePath: normalize, signBodyHeader: signBody,
                    omitSessionTokenFromSignature: omitSessionToken)
    }

    func expected(_ file: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
    }

    /// The request as the suite prints it, with `headers` and `queryAdditions` appended.
    func render(extraHeaders: [(name: String, value: String)], extraQuery: [(name: String, value: String)]) -> String {
        var target = self.target
        if !extraQuery.isEmpty {
            let added = extraQuery.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
            target += (rawQuery == nil ? "?" : "&") + added
        }
        var text = "\(method) \(target) \(version)\n"
        for header in rawHeaders + extraHeaders { text += "\(header.name):\(header.value)\n" }
        text += "\n" + String(decoding: body, as: UTF8.self)
        return text
    }

    static func load(_ folder: URL) throws -> SigV4SuiteCase {
        let requestText = try String(contentsOf: folder.appendingPathComponent("request.txt"), encoding: .utf8)
        var lines = requestText.components(separatedBy: "\n")
        let requestLine = lines.removeFirst()
        let words = requestLine.split(separator: " ", omittingEmptySubsequences: false)
        guard words.count >= 3 else { throw SuiteError("\(folder.lastPathComponent): bad request line") }
        var headers: [(name: String, value: String)] = []
        var bodyLines: [String] = []
        var inBody = false
        for line in lines {
            if inBody { bodyLines.append(line); continue }
            if line.isEmpty { inBody = true; continue }
            if let first = line.first, first == " " || first == "\t", !headers.isEmpty {
                headers[headers.count - 1].value += "\n" + line
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { throw SuiteError("\(folder.lastPathComponent): bad header \(line)") }
            headers.append((String(line[..<colon]), String(line[line.index(after: colon)...])))
        }
        let context = try JSONSerialization.jsonObject(
            with: Data(contentsOf: folder.appendingPathComponent("context.json"))) as? [String: Any] ?? [:]
        let creds = context["credentials"] as? [String: Any] ?? [:]
        guard let timestampText = context["timestamp"] as? String,
              let timestamp = AWSTimestamp(iso8601: timestampText) else { throw SuiteError("\(folder.lastPathComponent): no timestamp") }
        return SigV4SuiteCase(
            name: folder.lastPathComponent, folder: folder,
            method: String(words[0]), target: words[1..<(words.count - 1)].joined(separator: " "),
            version: String(words[words.count - 1]), rawHeaders: headers,
            body: Array(bodyLines.joined(separator: "\n").utf8),
            credentials: AWSCredentials(accessKeyID: creds["access_key_id"] as? String ?? "",
                                        secretAccessKey: creds["secret_access_key"] as? String ?? "",
                                        sessionToken: creds["token"] as? String),
            region: context["region"] as? String ?? "", service: context["service"] as? String ?? "",
            timestamp: timestamp, normalize: context["normalize"] as? Bool ?? true,
            signBody: context["sign_body"] as? Bool ?? false,
            omitSessionToken: context["omit_session_token"] as? Bool ?? false,
            expiresSeconds: context["expiration_in_seconds"] as? Int ?? 3600)
    }
}

struct SuiteError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Where the suite is: `$NOMMER_SIGV4_TESTSUITE`, else `../shared/aws-sigv4-testsuite`
/// next to the package root or any directory above it (worktrees live beside main).
enum SigV4SuiteLocation {
    static func find(filePath: String = #filePath) -> URL? {
        let fm = FileManager.default
        if let env = ProcessInfo.processInfo.environment["NOMMER_SIGV4_TESTSUITE"], !env.isEmpty {
            return fm.fileExists(atPath: env) ? URL(fileURLWithPath: env) : nil
        }
        // Tests/NommerAWSTests/File.swift -> package root is three levels up.
        var dir = URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.deletingLastPathComponent().appendingPathComponent("shared/aws-sigv4-testsuite")
            if fm.fileExists(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }
}
