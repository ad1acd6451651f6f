import ArgumentParser
import Foundation
import Logging
import NommerAWS
import NommerAWSLive
import NommerConfig
import NommerCore

/// Connecting the AWS backend for feederd and worker: the start-up checks'
/// problems are printed as one message and the command exits with code 1
/// (no crash loop on a misconfigured account).
enum AWSBackendStartup {
    static func connect(_ spec: AWSSpec, launches: Bool) async throws -> AWSBackend {
        let settings = AWSBackendSettings(spec, launches: launches)
        do {
            return try await AWSBackend.connect(settings: settings, environment: ProcessInfo.processInfo.environment)
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
    }

    /// The worker's instance id: `--instance-id`, or the instance metadata
    /// service's (IMDSv2) at `aws.metadata_url`.
    static func instanceID(given: String?, spec: AWSSpec) async throws -> String {
        if let given { return given }
        let metadata = InstanceMetadataClient(baseURL: spec.metadataURL, transport: AWSHTTPTransport())
        let found: String?
        do { found = try await metadata.instanceID() } catch {
            printError("error: cannot read the instance id from the metadata service at \(spec.metadataURL) (not on EC2?): \(error); give --instance-id")
            throw ExitCode(1)
        }
        guard let found, !found.isEmpty else {
            printError("error: no instance metadata service at \(spec.metadataURL) (not on EC2?): give --instance-id")
            throw ExitCode(1)
        }
        return found
    }
}
