import XCTest
@testable import NommerAWS

final class SigV2SignerTests: XCTestCase {
    /// The PutAttributes example of the SimpleDB Developer Guide ("HMAC-SHA
    /// Signature"): our string to sign must be the guide's, with the example
    /// key id in place of its placeholder. The guide shows no signature value
    /// (it uses placeholder keys); the expected one was computed independently
    /// with Python's hmac and base64 over that string.
    func testSimpleDBGuideExample() throws {
        let credentials = AWSCredentials(accessKeyID: "AKIDEXAMPLE",
                                         secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
        let parameters: [(name: String, value: String)] = [
            ("Action", "PutAttributes"), ("DomainName", "MyDomain"), ("ItemName", "Item123"),
            ("Attribute.1.Name", "Color"), ("Attribute.1.Value", "Blue"),
            ("Attribute.2.Name", "Size"), ("Attribute.2.Value", "Med"),
            ("Attribute.3.Name", "Price"), ("Attribute.3.Value", "0014.99"),
            ("Version", "2009-04-15"), ("Timestamp", "2010-01-25T15:01:28-07:00"),
        ]
        let signed = SigV2Signer().sign(parameters: parameters, method: "GET", host: "sdb.amazonaws.com",
                                        credentials: credentials, at: AWSTimestamp(secondsSince1970: 0))
        XCTAssertEqual(signed.stringToSign, """
            GET
            sdb.amazonaws.com
            /
            AWSAccessKeyId=AKIDEXAMPLE&Action=PutAttributes&Attribute.1.Name=Color&Attribute.1.Value=Blue\
            &Attribute.2.Name=Size&Attribute.2.Value=Med&Attribute.3.Name=Price&Attribute.3.Value=0014.99\
            &DomainName=MyDomain&ItemName=Item123&SignatureMethod=HmacSHA256&SignatureVersion=2\
            &Timestamp=2010-01-25T15%3A01%3A28-07%3A00&Version=2009-04-15
            """)
        XCTAssertEqual(signed.signature, "Qa/wsb3yvNdIgHzJGI6dTM+v71TRavGNCRSzCAUYo/g=")
        XCTAssertEqual(signed.parameters.last?.name, "Signature")
        XCTAssertEqual(signed.parameters.filter { $0.name == "Timestamp" }.count, 1)
    }

    func testAddsTimestampAndSecurityToken() {
        let credentials = AWSCredentials(accessKeyID: "AKID", secretAccessKey: "secret", sessionToken: "tok en")
        let signed = SigV2Signer().sign(parameters: [("Action", "ListDomains")], method: "POST",
                                        host: "SDB.amazonaws.com", credentials: credentials,
                                        at: AWSTimestamp(secondsSince1970: 1_440_938_160))
        XCTAssertTrue(signed.stringToSign.hasPrefix("POST\nsdb.amazonaws.com\n/\n"))
        XCTAssertTrue(signed.stringToSign.contains("&SecurityToken=tok%20en&"))
        XCTAssertTrue(signed.stringToSign.hasSuffix("&Timestamp=2015-08-30T12%3A36%3A00Z"))
    }
}
