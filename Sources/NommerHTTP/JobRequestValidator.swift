import Foundation
import NommerCore
import NommerLive
import NommerNommers

/// Checks a submitted job before it is stored: known nommer, allowed URI
/// schemes (source: file, http, https; destination: file), `file://` paths
/// inside the allowed roots, field sizes, and the nommer's own option checks.
struct JobRequestValidator: Sendable {
    let settings: APISettings
    let nommers: [String: any Nommer]

    /// The request of `POST /jobs`: `source`, `destination`, `nommer`,
    /// `options` (object), `notify_url`, `notify` (`json` | `legacy`).
    func jobRequest(from body: [String: JSONValue]) throws(JobRequestError) -> JobRequest {
        let known: Set<String> = ["source", "destination", "nommer", "options", "notify_url", "notify"]
        for key in body.keys.sorted() where !known.contains(key) {
            throw JobRequestError(field: key, message: "unknown field")
        }
        var style = NotifyStyle.json
        if let value = body["notify"], value != .null {
            guard case .string(let text) = value, let parsed = NotifyStyle(rawValue: text) else {
                throw JobRequestError(field: "notify", message: "must be \"json\" or \"legacy\"")
            }
            style = parsed
        }
        return try validated(source: requiredString(body, "source"), destination: requiredString(body, "destination"),
                             nommer: requiredString(body, "nommer"), options: body["options"],
                             notifyURL: optionalString(body, "notify_url"), style: style, fields: .current)
    }

    /// The request of media-nommer's `POST /job/submit`: `source_path`,
    /// `dest_path`, `job_options: {nommer, options}`, optional `notify_url`;
    /// its callbacks are the legacy form posts.
    func legacyRequest(from body: [String: JSONValue]) throws(JobRequestError) -> JobRequest {
        guard case .object(let jobOptions)? = body["job_options"] else {
            throw JobRequestError(field: "job_options", message: "required: an object with nommer and options")
        }
        let nommer = try requiredString(jobOptions, "nommer", prefix: "job_options.")
        return try validated(source: requiredString(body, "source_path"), destination: requiredString(body, "dest_path"),
                             nommer: Self.legacyNommerName(nommer), options: jobOptions["options"],
                             notifyURL: optionalString(body, "notify_url"), style: .legacy, fields: .legacy)
    }

    /// media-nommer named nommers by class path (`media_nommer.ec2nommerd.nommers.ffmpeg.FFmpegNommer`);
    /// such a name maps to its short one.
    static func legacyNommerName(_ name: String) -> String {
        guard name.contains(".") else { return name }
        let last = name.split(separator: ".").last.map(String.init) ?? name
        return last.lowercased().hasSuffix("nommer") ? String(last.lowercased().dropLast("nommer".count)) : name
    }

    /// The field names of a body shape, for error messages.
    struct FieldNames {
        let source: String, destination: String, nommer: String, options: String
        static let current = FieldNames(source: "source", destination: "destination", nommer: "nommer", options: "options")
        static let legacy = FieldNames(source: "source_path", destination: "dest_path", nommer: "job_options.nommer",
                                       options: "job_options.options")
    }

    private func validated(source: String, destination: String, nommer name: String, options: JSONValue?,
                           notifyURL: String?, style: NotifyStyle, fields: FieldNames) throws(JobRequestError) -> JobRequest {
        let optionsField = fields.options
        guard let nommer = nommers[name] else {
            let known = nommers.keys.sorted().joined(separator: ", ")
            throw JobRequestError(field: fields.nommer, message: "unknown nommer \"\(name.prefix(64))\" (known: \(known))")
        }
        try checkURI(source, field: fields.source, schemes: ["file", "http", "https"])
        try checkURI(destination, field: fields.destination, schemes: ["file"])
        if Self.sameFile(source, destination) {
            throw JobRequestError(field: fields.destination, message: "is the source file: the job would overwrite its own input")
        }
        if let notifyURL {
            try checkURI(notifyURL, field: "notify_url", schemes: ["http", "https"])
        }
        let optionsJSON = try optionsText(options, field: optionsField)
        do throws(JobRequestError) {
            if let checking = nommer as? any DestinationCheckingNommer {
                try checking.validate(optionsJSON: optionsJSON, destinationURI: destination)
            } else {
                try nommer.validate(optionsJSON: optionsJSON)
            }
        } catch {
            // Nommers name fields from `options` and `destination`; the legacy body names them otherwise.
            var field = error.field
            if field.hasPrefix("options") {
                field = optionsField + field.dropFirst("options".count)
            } else if field == "destination" {
                field = fields.destination
            }
            throw JobRequestError(field: field, message: error.message)
        }
        return JobRequest(sourceURI: source, destinationURI: destination, nommer: name, optionsJSON: optionsJSON,
                          notifyURL: notifyURL, notifyStyle: style)
    }

    private func checkURI(_ uri: String, field: String, schemes: Set<String>) throws(JobRequestError) {
        guard uri.utf8.count <= settings.maximumURIBytes else {
            throw JobRequestError(field: field, message: "longer than \(settings.maximumURIBytes) bytes")
        }
        guard let url = URL(string: uri), let scheme = url.scheme?.lowercased() else {
            throw JobRequestError(field: field, message: "not a valid URI")
        }
        guard schemes.contains(scheme) else {
            throw JobRequestError(field: field, message: "scheme \(scheme) is not allowed (allowed: \(schemes.sorted().joined(separator: ", ")))")
        }
        if scheme == "file" {
            let path: String
            do { path = try AllowedRoots.decodedPath(ofFileURI: uri) } catch {
                throw JobRequestError(field: field, message: "\(error)")
            }
            do { try settings.roots.permitsPath(path) } catch {
                throw JobRequestError(field: field, message: "\(error)")
            }
            return
        }
        guard let host = url.host, !host.isEmpty else {
            throw JobRequestError(field: field, message: "an http(s) URI needs a host")
        }
        if let port = url.port, !(1...65535).contains(port) {
            throw JobRequestError(field: field, message: "port \(port) is not in 1...65535")
        }
        // Numeric hosts in every form a resolver or URL parser reads as an
        // address (`127.1`, `0x7f.1`, `2130706433`), not only inet_pton's.
        if let address = IPAddress.hostBytes(host) {
            guard settings.addressGuard.permits(address) else {
                let text = IPAddress.text(address)
                let shown = host == text || host == "[\(text)]" ? host : "\(host) (\(text))"
                throw JobRequestError(field: field, message: "address \(shown) is private, loopback or link-local and not allowed")
            }
        } else if IPAddress.isMalformedNumericHost(host) {
            throw JobRequestError(field: field, message: "host \(host) is not a valid IPv4 address")
        }
    }

    /// Whether two file URIs name one file (``FileIdentity/sameFile(_:_:)``
    /// on their decoded paths: `a/../in.mp4`, links).
    static func sameFile(_ source: String, _ destination: String) -> Bool {
        guard let one = try? AllowedRoots.decodedPath(ofFileURI: source),
              let other = try? AllowedRoots.decodedPath(ofFileURI: destination) else { return false }
        return FileIdentity.sameFile(one, other)
    }

    private func optionsText(_ value: JSONValue?, field: String) throws(JobRequestError) -> String {
        var object: JSONValue = .object([:])
        switch value {
        case nil, .null?: break
        case .object?: object = value ?? object
        case .string(let text)?:
            // media-nommer clients sometimes sent the options as a JSON text.
            let parsed = try JSONValue.parseObject(text, field: field, maximumBytes: settings.maximumOptionsBytes)
            object = .object(parsed)
        case let other?:
            throw JobRequestError(field: field, message: "must be a JSON object, not \(other.typeName)")
        }
        let text = String(decoding: JobJSON.encode(object), as: UTF8.self)
        guard text.utf8.count <= settings.maximumOptionsBytes else {
            throw JobRequestError(field: field, message: "longer than \(settings.maximumOptionsBytes) bytes")
        }
        return text
    }

    private func requiredString(_ body: [String: JSONValue], _ key: String, prefix: String = "") throws(JobRequestError) -> String {
        guard let value = body[key], value != .null else {
            throw JobRequestError(field: prefix + key, message: "required")
        }
        guard case .string(let text) = value, !text.isEmpty else {
            throw JobRequestError(field: prefix + key, message: "must be a non-empty string, not \(value.typeName)")
        }
        guard text.utf8.count <= settings.maximumURIBytes else {
            throw JobRequestError(field: prefix + key, message: "longer than \(settings.maximumURIBytes) bytes")
        }
        return text
    }

    private func optionalString(_ body: [String: JSONValue], _ key: String) throws(JobRequestError) -> String? {
        guard let value = body[key], value != .null else { return nil }
        return try requiredString(body, key)
    }
}
