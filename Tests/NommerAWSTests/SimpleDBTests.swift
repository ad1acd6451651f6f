import Foundation
import NIOConcurrencyHelpers
import NommerCore
import XCTest
@testable import NommerAWS

/// The SimpleDB job store: put/get against moto's server; Select (which moto
/// lacks) on recorded responses in the documented format, served by a loopback server.
final class SimpleDBTests: XCTestCase {
    let keys = StaticCredentials(AWSCredentials(accessKeyID: "testing", secretAccessKey: "testing"))

    func job(_ id: String, at time: Double, options: String = #"{"passes":[]}"#) -> EncodingJob {
        EncodingJob(id: JobID(id), sourceURI: "s3://in/\(id).mov", destinationURI: "s3://out/\(id).mp4",
                    nommer: "ffmpeg", jobOptionsJSON: options, createdAt: time)
    }

    func testPutGetAgainstMoto() async throws {
        let moto = try MotoServer.start()
        let sdb = try SimpleDBClient(endpoint: moto.endpoint, credentials: keys,
                                     retryPolicy: RetryPolicy(maxAttempts: 2, baseSeconds: 0.05))
        let domain = "jobs-\(UUID().uuidString.prefix(8).lowercased())"
        try await sdb.createDomain(domain)
        let store = SimpleDBJobStore(sdb: sdb, domain: domain)
        var record = job("sdb-1", at: 1_700_000_000.5)
        try record.transition(to: .downloading, at: 1_700_000_001)
        try record.transition(to: .error, details: "source 404 & <gone>", at: 1_700_000_002)
        try await store.put(record)
        let read = try await store.get(record.id, consistent: true)
        XCTAssertEqual(read, record)
        let missing = try await store.get(JobID("absent"), consistent: true)
        XCTAssertNil(missing)

        // Cross-check: boto3 reads the item Swift wrote, Swift reads one boto3 wrote.
        let seen = try runBoto3CrossCheck(["sdb-get", domain, "sdb-1"]) as? [String: String]
        XCTAssertEqual(seen?["job_state"], "ERROR")
        XCTAssertEqual(seen?["job_state_details"], "source 404 & <gone>")
        XCTAssertEqual(seen?["creation_dtime"].flatMap(Double.init), 1_700_000_000.5)
        let botoItem = #"{"source_uri":"s3://in/b","destination_uri":"s3://out/b","nommer":"sleep","job_options":"{}","# +
            #""notify_url":"","notify_style":"legacy","job_state":"PENDING","job_state_details":"","# +
            #""creation_dtime":"1700000100","last_modified_dtime":"1700000100","started_dtime":"","attempts":"0"}"#
        _ = try runBoto3CrossCheck(["sdb-put", domain, "boto-1", botoItem])
        let fromBoto = try await store.get(JobID("boto-1"), consistent: true)
        XCTAssertEqual(fromBoto, EncodingJob(id: JobID("boto-1"), sourceURI: "s3://in/b", destinationURI: "s3://out/b",
                                             nommer: "sleep", notifyStyle: .legacy, createdAt: 1_700_000_100))
    }

    func testAttributeOver1024BytesIsRefusedBeforeSending() async throws {
        let server = try await LoopbackHTTPServer.start { _ in .text(200, "<PutAttributesResponse/>") }
        let sdb = try SimpleDBClient(endpoint: try XCTUnwrap(URL(string: server.baseURL)), credentials: keys)
        let store = SimpleDBJobStore(sdb: sdb, domain: "jobs")
        let big = job("big", at: 1, options: #"{"x":""# + String(repeating: "é", count: 510) + #""}"#)
        do {
            try await store.put(big)
            XCTFail("expected attributeTooLong")
        } catch {
            XCTAssertEqual(error, .attributeTooLong(job: JobID("big"), attribute: "job_options", bytes: 1028, limit: 1024))
        }
        try await store.put(job("small", at: 1))
        try await server.stop()
        XCTAssertEqual(server.requests.count, 1, "only the small job was sent")
    }

    func testSelectExpressionQuoting() throws {
        XCTAssertEqual(SimpleDBSelect.all(from: "nommer_jobs", where: "job_state", in: ["PENDING", "ENCODING"]),
                       "select * from `nommer_jobs` where `job_state` in ('PENDING', 'ENCODING')")
        XCTAssertEqual(SimpleDBSelect.quoteValue("it's"), "'it''s'")
        XCTAssertEqual(SimpleDBSelect.quoteName("we`ird"), "`we``ird`")
        let store = SimpleDBJobStore(sdb: try SimpleDBClient(endpoint: try XCTUnwrap(URL(string: "http://127.0.0.1:1")),
                                                             credentials: keys),
                                     domain: "jobs")
        XCTAssertEqual(store.unfinishedExpression,
                       "select * from `jobs` where `job_state` in ('PENDING', 'DOWNLOADING', 'ENCODING', 'UPLOADING')")
    }

    /// Two pages in the format of the Developer Guide's Select example: the
    /// first ends with a NextToken, which the second request must carry.
    func testSelectFollowsNextTokenOnRecordedResponses() async throws {
        func item(_ id: String, _ state: String, _ created: String) -> String {
            """
            <Item><Name>\(id)</Name>
            <Attribute><Name>source_uri</Name><Value>s3://in/\(id)</Value></Attribute>
            <Attribute><Name>destination_uri</Name><Value>s3://out/\(id)</Value></Attribute>
            <Attribute><Name>nommer</Name><Value>ffmpeg</Value></Attribute>
            <Attribute><Name>job_options</Name><Value>{}</Value></Attribute>
            <Attribute><Name>notify_url</Name><Value></Value></Attribute>
            <Attribute><Name>notify_style</Name><Value>json</Value></Attribute>
            <Attribute><Name>job_state</Name><Value>\(state)</Value></Attribute>
            <Attribute><Name>creation_dtime</Name><Value>\(created)</Value></Attribute>
            <Attribute><Name>last_modified_dtime</Name><Value>\(created)</Value></Attribute>
            <Attribute><Name>attempts</Name><Value>0</Value></Attribute>
            </Item>
            """
        }
        let first = """
            <?xml version="1.0"?>
            <SelectResponse xmlns="http://sdb.amazonaws.com/doc/2009-04-15/"><SelectResult>
            \(item("job-b", "ENCODING", "200"))\(item("job-a", "PENDING", "100"))
            <NextToken>rO0ABXNyACdjb20uYW1hem9uLnNkcy5RdWVyeVByb2Nlc3Nvci5Nb3JlVG9rZW4=</NextToken>
            </SelectResult><ResponseMetadata><RequestId>b1e8f1f7-42e9-494c-ad09-2674e557526d</RequestId><BoxUsage>0.0000219907</BoxUsage></ResponseMetadata></SelectResponse>
            """
        let second = """
            <?xml version="1.0"?>
            <SelectResponse xmlns="http://sdb.amazonaws.com/doc/2009-04-15/"><SelectResult>
            \(item("job-c", "UPLOADING", "300"))
            </SelectResult><ResponseMetadata><RequestId>c2e8f1f7</RequestId><BoxUsage>0.0000219907</BoxUsage></ResponseMetadata></SelectResponse>
            """
        let calls = NIOLockedValueBox(0)
        let server = try await LoopbackHTTPServer.start { _ in
            let call = calls.withLockedValue { value -> Int in value += 1; return value }
            return .text(200, call == 1 ? first : second)
        }
        let sdb = try SimpleDBClient(endpoint: try XCTUnwrap(URL(string: server.baseURL)), credentials: keys)
        let store = SimpleDBJobStore(sdb: sdb, domain: "jobs")
        let jobs = try await store.selectUnfinished()
        try await server.stop()
        XCTAssertEqual(jobs.map(\.id.rawValue), ["job-a", "job-b", "job-c"], "all pages, oldest first")
        XCTAssertEqual(jobs.map(\.state), [.pending, .encoding, .uploading])
        XCTAssertNil(jobs[0].notifyURL, "an empty attribute is an absent field")
        let bodies = server.requests.map { String(decoding: $0.body, as: UTF8.self) }
        XCTAssertEqual(bodies.count, 2)
        XCTAssertFalse(bodies[0].contains("NextToken="))
        XCTAssertTrue(bodies[1].contains("NextToken=rO0ABXNyACdjb20uYW1hem9uLnNkcy5RdWVyeVByb2Nlc3Nvci5Nb3JlVG9rZW4%3D"))
        for body in bodies {
            XCTAssertTrue(body.contains("Action=Select&Version=2009-04-15&"))
            XCTAssertTrue(body.contains("ConsistentRead=true"))
            XCTAssertTrue(body.contains("SignatureMethod=HmacSHA256&SignatureVersion=2"))
            XCTAssertTrue(body.contains("SelectExpression=select%20%2A%20from%20%60jobs%60%20where"))
        }
    }

    func testDocumentedErrorResponseIsTyped() async throws {
        let server = try await LoopbackHTTPServer.start { _ in
            .text(400, """
                <?xml version="1.0"?>
                <Response><Errors><Error><Code>NoSuchDomain</Code><Message>The specified domain does not exist.</Message><BoxUsage>0.0000071759</BoxUsage></Error></Errors><RequestID>f4b5b6f4-1e3c-4a53-b3f4-example</RequestID></Response>
                """)
        }
        let store = SimpleDBJobStore(sdb: try SimpleDBClient(endpoint: try XCTUnwrap(URL(string: server.baseURL)), credentials: keys),
                                     domain: "missing")
        do {
            _ = try await store.get(JobID("x"), consistent: true)
            XCTFail("expected NoSuchDomain")
        } catch {
            XCTAssertEqual(error, .service(code: "NoSuchDomain",
                                           message: "sdb: NoSuchDomain: The specified domain does not exist. (HTTP 400, request id f4b5b6f4-1e3c-4a53-b3f4-example)"))
        }
        try await server.stop()
        XCTAssertEqual(server.requests.count, 1, "a client error is not retried")
    }
}
