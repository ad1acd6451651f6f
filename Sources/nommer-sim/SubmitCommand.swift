import ArgumentParser
import Foundation

/// `nommer-sim submit`: sends one job to the job API and prints it.
struct SubmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Submit an encoding job to a running job API and print it as JSON.")

    @OptionGroup var api: APIClientOptions

    @Option(help: "URI of the media to encode (file:// or http(s)://).")
    var source: String

    @Option(help: "URI to write the result to (file://).")
    var destination: String

    @Option(help: "The nommer that does the work (ffmpeg, sleep).")
    var nommer: String

    @Option(help: "The nommer's options as a JSON object, e.g. '{\"seconds\": 2}'.")
    var options: String = "{}"

    @Option(help: "URL to call when the job finishes.")
    var notifyURL: String?

    @Option(help: "How the notify URL is called: json (on finishing) or legacy (media-nommer's form post on every change).")
    var notify: String = "json"

    func run() throws {
        guard let parsedOptions = try? JSONSerialization.jsonObject(with: Data(options.utf8)), parsedOptions is [String: Any] else {
            throw ValidationError("--options must be a JSON object")
        }
        var body: [String: Any] = ["source": source, "destination": destination, "nommer": nommer,
                                   "options": parsedOptions, "notify": notify]
        if let notifyURL { body["notify_url"] = notifyURL }
        let data = try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])
        try api.report(try api.send(.post, "/jobs", json: data))
    }
}
