import NommerCore
import XCTest
@testable import NommerAWS

final class AWSErrorParserTests: XCTestCase {
    func testJSON10ErrorWithNamespacedType() {
        let body = #"{"__type":"com.amazonaws.sqs#QueueDoesNotExist","message":"The specified queue does not exist."}"#
        let error = AWSErrorParser.parse(service: "sqs", status: 400,
                                         headers: [("x-amzn-RequestId", "req-1")], body: Array(body.utf8))
        XCTAssertEqual(error, AWSServiceError(service: "sqs", code: "QueueDoesNotExist",
                                              message: "The specified queue does not exist.",
                                              httpStatus: 400, requestID: "req-1"))
        XCTAssertEqual(AWSError.service(error).backendError,
                       .service(code: "QueueDoesNotExist", message: error.description))
    }

    func testDynamoDBStyleTypeAndCapitalMessage() {
        let body = #"{"__type":"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException","Message":"slow down"}"#
        let error = AWSErrorParser.parse(service: "dynamodb", status: 400, headers: [], body: Array(body.utf8))
        XCTAssertEqual(error.code, "ProvisionedThroughputExceededException")
        XCTAssertEqual(error.message, "slow down")
        XCTAssertTrue(AWSError.service(error).backendError.isTransient)
    }

    func testQueryProtocolXMLError() {
        let body = """
            <?xml version="1.0"?><ErrorResponse xmlns="http://queue.amazonaws.com/doc/2012-11-05/">
            <Error><Type>Sender</Type><Code>AWS.SimpleQueueService.NonExistentQueue</Code>
            <Message>The specified queue does not exist for this wsdl version.</Message><Detail/></Error>
            <RequestId>42d59b56-7407-4c4a-be0f-4c88daeea257</RequestId></ErrorResponse>
            """
        let error = AWSErrorParser.parse(service: "sqs", status: 400, headers: [], body: Array(body.utf8))
        XCTAssertEqual(error.code, "AWS.SimpleQueueService.NonExistentQueue")
        XCTAssertEqual(error.message, "The specified queue does not exist for this wsdl version.")
        XCTAssertEqual(error.requestID, "42d59b56-7407-4c4a-be0f-4c88daeea257")
    }

    func testEC2AndSimpleDBXMLError() {
        let body = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Response><Errors><Error><Code>InvalidAMIID.NotFound</Code><Message>The image id '[ami-1]' does not exist</Message></Error></Errors><RequestID>ea966190-f9aa-478e-9ede-example</RequestID></Response>
            """
        let error = AWSErrorParser.parse(service: "ec2", status: 400, headers: [], body: Array(body.utf8))
        XCTAssertEqual(error.code, "InvalidAMIID.NotFound")
        XCTAssertEqual(error.requestID, "ea966190-f9aa-478e-9ede-example")
        XCTAssertFalse(RetryClassifier.isRetryable(error))
    }

    func testEmptyBodyFallsBackToHeaderThenStatus() {
        let fromHeader = AWSErrorParser.parse(service: "sqs", status: 400,
                                              headers: [("x-amzn-ErrorType", "ThrottlingException:http://internal")], body: [])
        XCTAssertEqual(fromHeader.code, "ThrottlingException")
        XCTAssertTrue(RetryClassifier.isRetryable(fromHeader))
        let bare = AWSErrorParser.parse(service: "sqs", status: 503, headers: [], body: [])
        XCTAssertEqual(bare.code, "HTTP503")
        XCTAssertEqual(AWSError.service(bare).backendError, .transient(bare.description))
    }

    func testValidationErrorsAreNeverRetried() {
        let validation = AWSServiceError(service: "dynamodb", code: "ValidationException", message: "bad", httpStatus: 400)
        XCTAssertFalse(RetryClassifier.isRetryable(validation))
        XCTAssertFalse(RetryClassifier.isRetryable(.invalidRequest("too big")))
        XCTAssertTrue(RetryClassifier.isRetryable(.transport("reset")))
        XCTAssertTrue(RetryClassifier.isRetryable(AWSServiceError(service: "sqs", code: "X", message: "", httpStatus: 429)))
    }

    func testCredentialsDescriptionRedactsSecrets() {
        let credentials = AWSCredentials(accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG",
                                         sessionToken: "FwoGZXIvYXdzEBY", expiration: AWSTimestamp(secondsSince1970: 0))
        for text in [credentials.description, credentials.debugDescription, "\(credentials)", String(reflecting: credentials)] {
            XCTAssertFalse(text.contains("wJalrXUtnFEMI"), text)
            XCTAssertFalse(text.contains("FwoGZXIvYXdzEBY"), text)
            XCTAssertFalse(text.contains("AKIAIOSFODNN7EXAMPLE"), text)
            XCTAssertTrue(text.contains("AKIA****"), text)
        }
    }
}
