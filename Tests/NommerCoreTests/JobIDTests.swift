import Foundation
import NommerCore
import Testing

@Suite("Job ids")
struct JobIDTests {
    @Test("an id made from a serial number is the id with that text")
    func serialEqualsText() {
        let made = JobID(serialNumber: 42)
        let spelled = JobID("j42")
        #expect(made == spelled)
        #expect(made.hashValue == spelled.hashValue)
        #expect(made.rawValue == "j42")
        #expect(spelled.serialNumber == 42)
        #expect(Set([made, spelled]).count == 1)
    }

    @Test("only the canonical spelling j<n> has a serial number", arguments: [
        ("j0", UInt64?.some(0)), ("j7", 7), ("j123456789012345678", 123_456_789_012_345_678),
        ("j05", nil), ("j", nil), ("J5", nil), ("j5x", nil), ("job-5", nil), ("j1234567890123456789", nil), ("", nil),
    ])
    func canonicalSpelling(_ text: String, _ expected: UInt64?) {
        #expect(JobID(text).serialNumber == expected)
    }

    @Test("ids compare equal exactly when their text does, and sort by text")
    func equalityAndOrder() {
        let texts = ["j5", "j05", "j50", "a", "j", "j10", "j9"]
        for a in texts {
            for b in texts {
                #expect((JobID(a) == JobID(b)) == (a == b), "\(a) vs \(b)")
                #expect((JobID(a) < JobID(b)) == (a < b), "\(a) < \(b)")
            }
        }
        #expect([JobID(serialNumber: 10), JobID(serialNumber: 9)].sorted().map(\.rawValue) == ["j10", "j9"])
    }

    @Test("encodes as its text, and decodes to an equal id")
    func codable() throws {
        let data = try JSONEncoder().encode([JobID(serialNumber: 3), JobID("x")])
        #expect(String(decoding: data, as: UTF8.self) == #"["j3","x"]"#)
        let decoded = try JSONDecoder().decode([JobID].self, from: data)
        #expect(decoded == [JobID("j3"), JobID("x")])
        #expect(decoded[0].serialNumber == 3)
    }
}
