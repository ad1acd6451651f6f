import Foundation
import NIOConcurrencyHelpers
import XCTest
@testable import NommerAWS

final class CredentialsTests: XCTestCase {
    var tempDir: URL!

    override func setUpWithError() throws {
        tempDir = FileManager.default.temporaryDirectory.appendingPathComponent("nommer-aws-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: tempDir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: tempDir)
    }

    func write(_ name: String, _ text: String) throws -> String {
        let url = tempDir.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func testEnvironmentVariables() async throws {
        let env = ["AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "envsecret", "AWS_SESSION_TOKEN": "envtoken"]
        let found = try await EnvironmentCredentials(environment: env).credentials()
        XCTAssertEqual(found, AWSCredentials(accessKeyID: "AKIDENV", secretAccessKey: "envsecret", sessionToken: "envtoken"))
        let none = try await EnvironmentCredentials(environment: [:]).credentials()
        XCTAssertNil(none)
        do {
            _ = try await EnvironmentCredentials(environment: ["AWS_ACCESS_KEY_ID": "AKIDENV"]).credentials()
            XCTFail("half a key pair must be an error")
        } catch {
            XCTAssertTrue("\(error)".contains("AWS_SECRET_ACCESS_KEY"))
        }
    }

    func testProfilesFromCredentialsAndConfigFiles() async throws {
        let credentialsPath = try write("credentials", """
            # comment
            [default]
            aws_access_key_id = AKIDDEFAULT
            aws_secret_access_key = defaultsecret

            [work]
            aws_access_key_id=AKIDWORK
            aws_secret_access_key=worksecret
            aws_session_token = worktoken
            """)
        let configPath = try write("config", """
            [default]
            region = eu-west-1
            [profile ci]
            region = us-west-2
            aws_access_key_id = AKIDCI
            aws_secret_access_key = cisecret
            s3 =
              max_concurrent_requests = 4
            [sso-session corp]
            sso_region = us-east-1
            """)
        func env(_ profile: String?) -> [String: String] {
            var env = ["AWS_SHARED_CREDENTIALS_FILE": credentialsPath, "AWS_CONFIG_FILE": configPath, "HOME": tempDir.path]
            env["AWS_PROFILE"] = profile
            return env
        }
        let defaults = try await ProfileCredentials(environment: env(nil)).credentials()
        XCTAssertEqual(defaults, AWSCredentials(accessKeyID: "AKIDDEFAULT", secretAccessKey: "defaultsecret"))
        XCTAssertEqual(try ProfileCredentials(environment: env(nil)).region(), "eu-west-1")
        let work = try await ProfileCredentials(environment: env("work")).credentials()
        XCTAssertEqual(work?.sessionToken, "worktoken")
        let ci = try await ProfileCredentials(environment: env("ci")).credentials()
        XCTAssertEqual(ci, AWSCredentials(accessKeyID: "AKIDCI", secretAccessKey: "cisecret"))
        XCTAssertEqual(try ProfileCredentials(environment: env("ci")).region(), "us-west-2")
        XCTAssertEqual(try AWSRegion.resolve(environment: env("ci")), "us-west-2")
        XCTAssertEqual(try AWSRegion.resolve(environment: env("ci").merging(["AWS_DEFAULT_REGION": "ap-south-1"]) { $1 }), "ap-south-1")
        XCTAssertEqual(try AWSRegion.resolve(environment: env("ci").merging(["AWS_REGION": "sa-east-1", "AWS_DEFAULT_REGION": "x"]) { $1 }), "sa-east-1")
        let missing = try await ProfileCredentials(environment: env("nope")).credentials()
        XCTAssertNil(missing)
        let noFiles = try await ProfileCredentials(environment: ["HOME": tempDir.appendingPathComponent("none").path]).credentials()
        XCTAssertNil(noFiles)
    }

    func testMalformedFileNamesFileAndLine() async throws {
        let path = try write("bad", "[default]\naws_access_key_id = AKID\nthis line is wrong\n")
        do {
            _ = try await ProfileCredentials(environment: ["AWS_SHARED_CREDENTIALS_FILE": path, "AWS_CONFIG_FILE": path + ".none"]).credentials()
            XCTFail("expected a parse error")
        } catch {
            XCTAssertTrue("\(error)".contains("\(path):3:"), "\(error)")
        }
    }

    func testChainPrefersEnvironmentThenFiles() async throws {
        let credentialsPath = try write("credentials", "[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = s\n")
        let fileEnv = ["AWS_SHARED_CREDENTIALS_FILE": credentialsPath, "AWS_CONFIG_FILE": credentialsPath + ".none"]
        let both = fileEnv.merging(["AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "e"]) { $1 }
        let fromEnv = try await CredentialsChain([EnvironmentCredentials(environment: both), ProfileCredentials(environment: both)]).required()
        XCTAssertEqual(fromEnv.accessKeyID, "AKIDENV")
        let fromFile = try await CredentialsChain([EnvironmentCredentials(environment: fileEnv), ProfileCredentials(environment: fileEnv)]).required()
        XCTAssertEqual(fromFile.accessKeyID, "AKIDFILE")
        let standard = CredentialsChain.standard(environment: both, transport: AWSHTTPTransport(), clock: AWSTimestamp.now)
        XCTAssertEqual(standard.providers.count, 3)
        let fromStandard = try await standard.required()
        XCTAssertEqual(fromStandard.accessKeyID, "AKIDENV", "the environment comes first; the metadata service is not asked")
        do {
            _ = try await CredentialsChain([EnvironmentCredentials(environment: [:])]).required()
            XCTFail("expected no credentials")
        } catch {
            XCTAssertTrue("\(error)".contains("no AWS credentials found"))
        }
    }

    /// IMDSv2 against a real loopback server: token PUT first, every GET
    /// carries the token, credentials renewed before they expire.
    func testInstanceRoleThroughIMDSv2AndRefreshBeforeExpiry() async throws {
        let clock = ManualClock(1_700_000_000)
        let issued = NIOLockedValueBox(0)
        let server = try await LoopbackHTTPServer.start { request in
            if request.method == "PUT", request.uri == "/latest/api/token" {
                guard request.header("X-aws-ec2-metadata-token-ttl-seconds") == "21600" else { return .text(400, "") }
                return .text(200, "TOKEN-1")
            }
            guard request.method == "GET", request.header("X-aws-ec2-metadata-token") == "TOKEN-1" else {
                return .text(401, "")
            }
            switch request.uri {
            case "/latest/meta-data/iam/security-credentials/":
                return .text(200, "nommer-worker-role")
            case "/latest/meta-data/iam/security-credentials/nommer-worker-role":
                let n = issued.withLockedValue { value -> Int in value += 1; return value }
                let expiry = AWSTimestamp(secondsSince1970: clock.now().secondsSince1970 + 3600).iso8601
                return .text(200, """
                    {"Code":"Success","LastUpdated":"2023-11-14T22:13:20Z","Type":"AWS-HMAC",
                     "AccessKeyId":"ASIAROLE\(n)","SecretAccessKey":"rolesecret\(n)","Token":"roletoken\(n)","Expiration":"\(expiry)"}
                    """)
            case "/latest/meta-data/instance-id":
                return .text(200, "i-0123456789abcdef0")
            default:
                return .text(404, "")
            }
        }
        let metadata = InstanceMetadataClient(baseURL: server.baseURL + "/", transport: AWSHTTPTransport(),
                                              clock: { clock.now() })
        let cache = CredentialsCache(InstanceMetadataCredentials(client: metadata), refreshWindowSeconds: 300,
                                     clock: { clock.now() })
        let first = try await cache.required()
        XCTAssertEqual(first.accessKeyID, "ASIAROLE1")
        XCTAssertEqual(first.sessionToken, "roletoken1")
        XCTAssertEqual(first.expiration?.secondsSince1970, 1_700_003_600)
        clock.advance(3000) // 600 s before expiry: still fresh
        let again = try await cache.required()
        XCTAssertEqual(again.accessKeyID, "ASIAROLE1")
        clock.advance(400) // 200 s before expiry: inside the refresh window
        let renewed = try await cache.required()
        XCTAssertEqual(renewed.accessKeyID, "ASIAROLE2")
        let instanceID = try await metadata.instanceID()
        XCTAssertEqual(instanceID, "i-0123456789abcdef0")
        try await server.stop()
        let requests = server.requests
        XCTAssertEqual(requests.first?.method, "PUT", "the token comes first")
        XCTAssertEqual(requests.filter { $0.method == "PUT" }.count, 1, "the token is reused within its TTL")
        XCTAssertEqual(requests.count, 1 + 2 * 2 + 1)
        XCTAssertTrue(requests.filter { $0.method == "GET" }.allSatisfy { $0.header("X-aws-ec2-metadata-token") == "TOKEN-1" })
    }

    func testNoMetadataServiceMeansNoCredentials() async throws {
        let server = try await LoopbackHTTPServer.start { _ in .text(200, "") }
        try await server.stop() // nothing listens any more
        let provider = InstanceMetadataCredentials(client: InstanceMetadataClient(
            baseURL: server.baseURL, transport: AWSHTTPTransport(), timeoutSeconds: 1))
        let found = try await provider.credentials()
        XCTAssertNil(found)
    }

    func testRoleErrorDocumentIsAClearError() {
        XCTAssertThrowsError(try InstanceMetadataCredentials.parse(#"{"Code":"AssumeRoleUnauthorizedAccess","Message":"denied"}"#, role: "r")) {
            XCTAssertTrue("\($0)".contains("AssumeRoleUnauthorizedAccess"))
        }
    }
}
