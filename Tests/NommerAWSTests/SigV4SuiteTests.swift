import Foundation
import XCTest
@testable import NommerAWS

/// Every case of AWS's official SigV4 suite, header and query (presigned)
/// variants: canonical request, string to sign, signature and signed request.
final class SigV4SuiteTests: XCTestCase {
    func loadCases() throws -> [SigV4SuiteCase] {
        guard let root = SigV4SuiteLocation.find() else {
            let reason = "SigV4 test suite folder not found (set NOMMER_SIGV4_TESTSUITE or place it at ../shared/aws-sigv4-testsuite)"
            print("skipping: \(reason)")
            throw XCTSkip(reason)
        }
        let folders = try FileManager.default.contentsOfDirectory(at: root, includingPropertiesForKeys: [.isDirectoryKey])
            .filter { (try? $0.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        return try folders.map(SigV4SuiteCase.load)
    }

    func testEverySuiteCaseIsFound() throws {
        let cases = try loadCases()
        XCTAssertGreaterThanOrEqual(cases.count, 38, "the suite has 38 cases")
    }

    func testHeaderSigningMatchesEveryCase() throws {
        var checked = 0
        for testCase in try loadCases() {
            let result = testCase.signer.signHeaders(testCase.request, credentials: testCase.credentials, at: testCase.timestamp)
            XCTAssertEqual(result.canonicalRequest, try testCase.expected("header-canonical-request.txt"), "\(testCase.name): canonical request")
            XCTAssertEqual(result.stringToSign, try testCase.expected("header-string-to-sign.txt"), "\(testCase.name): string to sign")
            XCTAssertEqual(result.signature, try testCase.expected("header-signature.txt"), "\(testCase.name): signature")
            XCTAssertEqual(testCase.render(extraHeaders: result.addedHeaders, extraQuery: []),
                           try testCase.expected("header-signed-request.txt"), "\(testCase.name): signed request")
            checked += 1
        }
        XCTAssertGreaterThanOrEqual(checked, 38)
    }

    func testQuerySigningMatchesEveryCase() throws {
        var checked = 0
        for testCase in try loadCases() {
            let result = testCase.signer.presign(testCase.request, credentials: testCase.credentials,
                                                 at: testCase.timestamp, expiresSeconds: testCase.expiresSeconds)
            XCTAssertEqual(result.canonicalRequest, try testCase.expected("query-canonical-request.txt"), "\(testCase.name): canonical request")
            XCTAssertEqual(result.stringToSign, try testCase.expected("query-string-to-sign.txt"), "\(testCase.name): string to sign")
            XCTAssertEqual(result.signature, try testCase.expected("query-signature.txt"), "\(testCase.name): signature")
            XCTAssertEqual(testCase.render(extraHeaders: [], extraQuery: result.addedQuery),
                           try testCase.expected("query-signed-request.txt"), "\(testCase.name): signed request")
            checked += 1
        }
        XCTAssertGreaterThanOrEqual(checked, 38)
    }

    func testTimestampFormatsAndParses() throws {
        let time = try XCTUnwrap(AWSTimestamp(iso8601: "2015-08-30T12:36:00Z"))
        XCTAssertEqual(time.secondsSince1970, 1_440_938_160)
        XCTAssertEqual(time.amzDate, "20150830T123600Z")
        XCTAssertEqual(time.iso8601, "2015-08-30T12:36:00Z")
        XCTAssertEqual(AWSTimestamp(iso8601: "2010-01-25T15:01:28-07:00")?.iso8601, "2010-01-25T22:01:28Z")
        XCTAssertEqual(AWSTimestamp(iso8601: "2024-02-29T00:00:00.123Z")?.iso8601, "2024-02-29T00:00:00Z")
        XCTAssertNil(AWSTimestamp(iso8601: "2015-13-30T12:36:00Z"))
        XCTAssertNil(AWSTimestamp(iso8601: "yesterday"))
    }
}
