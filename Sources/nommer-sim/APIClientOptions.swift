import ArgumentParser
import AsyncHTTPClient
import Foundation
import NIOCore
import NommerAWS

/// Where the job API is and how to authenticate (`submit`, `status`).
struct APIClientOptions: ParsableArguments {
    @Option(help: "The job API's base URL, e.g. http://127.0.0.1:8080.")
    var server: String

    @Option(help: "Bearer token (default: the NOMMER_TOKEN environment variable).")
    var token: String?

    /// Sends a request and returns the status and body; prints nothing.
    /// The HTTP methods the client commands use.
    enum Method { case get, post }

    func send(_ method: Method, _ path: String, json body: Data? = nil) throws -> (status: Int, body: String) {
        let base = server.hasSuffix("/") ? String(server.dropLast()) : server
        guard let url = URL(string: base + path), url.scheme == "http" || url.scheme == "https" else {
            throw ValidationError("--server must be an http(s) URL, not \(server)")
        }
        var request: HTTPClient.Request
        do {
            request = try HTTPClient.Request(url: url.absoluteString, method: method == .get ? .GET : .POST)
        } catch {
            throw ValidationError("--server: \(error)")
        }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(body)
        }
        if let token = token ?? ProcessInfo.processInfo.environment["NOMMER_TOKEN"], !token.isEmpty {
            request.headers.add(name: "Authorization", value: "Bearer \(token)")
        }
        do {
            // Fails at once when nothing listens (HTTPClient.shared would re-try for the whole 30 s).
            let response = try FailFastHTTPClient.shared.execute(request: request, deadline: .now() + .seconds(30)).wait()
            let text = response.body.map { String(buffer: $0) } ?? ""
            return (Int(response.status.code), text)
        } catch {
            printError("cannot reach \(base): \(error)")
            throw ExitCode(3)
        }
    }

    /// Prints a successful answer to stdout, or the API's error to stderr and exits non-zero.
    func report(_ answer: (status: Int, body: String)) throws {
        guard (200..<300).contains(answer.status) else {
            let message = (try? JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any])?["error"] as? String
            printError("HTTP \(answer.status): \(message ?? answer.body)")
            throw ExitCode(answer.status == 400 ? 2 : 1)
        }
        print(answer.body)
    }
}
