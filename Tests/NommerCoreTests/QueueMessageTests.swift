import NommerCore
import Testing

@Suite("Numbered receipt handles and messages")
struct QueueMessageTests {
    @Test("a numbered handle reads as r<n>, equals only the same number, and hashes like its text")
    func numberedHandle() {
        let handle = ReceiptHandle(number: 42)
        #expect(handle.rawValue == "r42")
        #expect(handle.number == 42)
        #expect(handle == ReceiptHandle(number: 42))
        #expect(handle != ReceiptHandle(number: 43))
        #expect(ReceiptHandle("r42").number == nil)
        // Equality is by text, so a text handle with the same spelling is the same handle.
        #expect(handle == ReceiptHandle("r42"))
        #expect(Set([handle, ReceiptHandle("r42")]).count == 1)
        #expect(ReceiptHandle("AQEB-long-sqs-handle").rawValue == "AQEB-long-sqs-handle")
    }

    @Test("a numbered message has its number as id, and equals a message with the same fields")
    func numberedMessage() {
        let message = QueueMessage(messageNumber: 7, receiptNumber: 9, jobID: JobID("j1"), receiveCount: 2, sentAt: 3.5)
        #expect(message.messageID == "7")
        #expect(message.receiptHandle == ReceiptHandle(number: 9))
        #expect(message.jobID == JobID("j1"))
        #expect(message.receiveCount == 2)
        #expect(message.sentAt == 3.5)
        let same = QueueMessage(messageID: "7", receiptHandle: ReceiptHandle("r9"), jobID: JobID("j1"),
                                receiveCount: 2, sentAt: 3.5)
        #expect(message == same)
        #expect(Set([message, same]).count == 1)
        #expect(message != QueueMessage(messageNumber: 8, receiptNumber: 9, jobID: JobID("j1"), receiveCount: 2, sentAt: 3.5))
        #expect(message != QueueMessage(messageNumber: 7, receiptNumber: 10, jobID: JobID("j1"), receiveCount: 2, sentAt: 3.5))
    }
}
