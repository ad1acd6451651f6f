import Foundation

/// An AWS shared config or credentials file (INI): `[section]` headers,
/// `key = value` lines, `#` and `;` comments. In the config file a profile's
/// section is `[profile NAME]` (`[default]` for the default profile); in the
/// credentials file it is `[NAME]`.
public struct ProfileFile: Sendable, Equatable {
    /// Settings per profile name; keys lower-cased.
    public var profiles: [String: [String: String]]

    public enum Kind: Sendable { case credentials, config }

    public init(profiles: [String: [String: String]] = [:]) { self.profiles = profiles }

    /// Parses `text`; `path` names the file in errors (`path:line: ...`).
    public init(parsing text: String, kind: Kind, path: String) throws(AWSError) {
        var profiles: [String: [String: String]] = [:]
        var current: String?
        var lastKey: String?
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = offset + 1
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]") else {
                    throw .credentials("\(path):\(lineNumber): section header '\(line)' has no closing ']'")
                }
                var name = line.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
                if kind == .config {
                    if name.hasPrefix("profile ") {
                        name = String(name.dropFirst("profile ".count)).trimmingCharacters(in: .whitespaces)
                    } else if name != "default" {
                        current = nil // [sso-session x], [services x]: not profiles
                        continue
                    }
                }
                guard !name.isEmpty else { throw .credentials("\(path):\(lineNumber): empty section name") }
                current = name
                lastKey = nil
                profiles[name, default: [:]] = profiles[name] ?? [:]
                continue
            }
            if let first = rawLine.first, first == " " || first == "\t", lastKey != nil {
                continue // a nested setting under the previous key (s3 = ...): not used here
            }
            guard let equals = line.firstIndex(of: "=") else {
                throw .credentials("\(path):\(lineNumber): expected 'key = value' or '[section]', found '\(Self.redactedLine(line))'")
            }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty else { throw .credentials("\(path):\(lineNumber): setting with no name") }
            guard let section = current else {
                if kind == .credentials {
                    throw .credentials("\(path):\(lineNumber): setting '\(key)' outside any [profile] section")
                }
                continue // under a config section that is not a profile
            }
            profiles[section, default: [:]][key] = value
            lastKey = key
        }
        self.profiles = profiles
    }

    /// Reads and parses the file at `path`; nil if there is no such file.
    public static func load(path: String, kind: Kind) throws(AWSError) -> ProfileFile? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw .credentials("\(path): cannot read: \(error.localizedDescription)")
        }
        return try ProfileFile(parsing: text, kind: kind, path: path)
    }

    /// A line shown in an error, with anything after `=` hidden (it may be a secret).
    private static func redactedLine(_ line: String) -> String {
        line.count > 40 ? String(line.prefix(12)) + "..." : line
    }
}

/// Where the shared files are and which profile is used, from the environment
/// (`AWS_SHARED_CREDENTIALS_FILE`, `AWS_CONFIG_FILE`, `AWS_PROFILE`, `HOME`).
public struct SharedFileLocations: Sendable, Equatable {
    public var credentialsPath: String
    public var configPath: String
    public var profile: String

    public init(environment: [String: String]) {
        let home = environment["HOME"] ?? NSHomeDirectory()
        credentialsPath = environment["AWS_SHARED_CREDENTIALS_FILE"] ?? "\(home)/.aws/credentials"
        configPath = environment["AWS_CONFIG_FILE"] ?? "\(home)/.aws/config"
        profile = environment["AWS_PROFILE"].flatMap { $0.isEmpty ? nil : $0 } ?? "default"
    }
}

/// Static keys of a profile in the shared credentials file, then the shared
/// config file (the credentials file wins for a profile in both).
public struct ProfileCredentials: CredentialsProvider {
    public let locations: SharedFileLocations
    public var name: String { "profile \(locations.profile) (\(locations.credentialsPath), \(locations.configPath))" }

    public init(environment: [String: String]) { locations = SharedFileLocations(environment: environment) }

    public func credentials() async throws(AWSError) -> AWSCredentials? {
        let sources: [(String, ProfileFile.Kind)] = [(locations.credentialsPath, .credentials), (locations.configPath, .config)]
        for (path, kind) in sources {
            guard let file = try ProfileFile.load(path: path, kind: kind),
                  let settings = file.profiles[locations.profile] else { continue }
            let id = settings["aws_access_key_id"] ?? ""
            let secret = settings["aws_secret_access_key"] ?? ""
            if id.isEmpty && secret.isEmpty { continue }
            guard !id.isEmpty, !secret.isEmpty else {
                throw .credentials("\(path): profile \(locations.profile) needs both aws_access_key_id and aws_secret_access_key")
            }
            let token = settings["aws_session_token"].flatMap { $0.isEmpty ? nil : $0 }
            return AWSCredentials(accessKeyID: id, secretAccessKey: secret, sessionToken: token)
        }
        return nil
    }

    /// The profile's `region` from the config file, if any.
    public func region() throws(AWSError) -> String? {
        try ProfileFile.load(path: locations.configPath, kind: .config)?.profiles[locations.profile]?["region"]
    }
}
