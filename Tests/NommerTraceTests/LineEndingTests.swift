import Foundation
@testable import NommerTrace
import Testing

/// CRLF, LF and a mix of both end trace lines alike (docs/traces.md).
@Suite("trace line endings")
struct LineEndingTests {
    static let csv = """
        # a comment
        submit_seconds,encode_seconds,outcome,job_id
        10,300.5,finished,a

        5,,error,"b, quoted"
        20,60,FINISHED,c
        """

    /// `text` with every line ending in CR LF.
    func crlf(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n")
    }

    @Test("a CSV trace reads the same with CRLF, LF or mixed line endings")
    func csvEndings() throws {
        let plain = try TraceReader.parse(Self.csv, file: "t.csv")
        #expect(plain.records.count == 3)
        let windows = try TraceReader.parse(crlf(Self.csv) + "\r\n", file: "t.csv")
        #expect(windows.records == plain.records)
        #expect(windows.records.map(\.line) == [5, 3, 6])
        #expect(windows.records.map(\.jobID) == ["b, quoted", "a", "c"])
        // Every other line ends in CR LF.
        let lines = Self.csv.split(separator: "\n", omittingEmptySubsequences: false)
        let mixed = lines.enumerated().map { $0.offset % 2 == 0 ? $0.element + "\r\n" : $0.element + "\n" }.joined()
        #expect(try TraceReader.parse(mixed, file: "t.csv").records == plain.records)
    }

    @Test("a CRLF header is read, and a bad CRLF line's message has no CR in it")
    func crlfHeader() throws {
        let trace = try TraceReader.parse("submit_seconds\r\n1\r\n2\r\n", file: "t.csv")
        #expect(trace.records.map(\.submittedAt) == [1, 2])
        let error = try #require(readFailure("encode_seconds\r\n1\r\n"))
        #expect(error.description == "t.csv:1: the header has neither submit_seconds nor submitted_at: header is 'encode_seconds'")
        let bad = try #require(readFailure("submit_seconds,encode_seconds\r\n1,abc\r\n2,3\r\n"))
        #expect(bad.description == "t.csv:2: encode_seconds is not a number >= 0: 'abc'")
    }

    @Test("JSON lines read the same with CRLF, LF or mixed line endings")
    func jsonEndings() throws {
        let text = """
            {"submit_seconds": 3, "encode_seconds": 120, "outcome": "error"}
            # a comment

            {"submit_seconds": "1.5", "job_id": 7}
            """
        let plain = try TraceReader.parse(text, file: "t.jsonl")
        let windows = try TraceReader.parse(crlf(text) + "\r\n", file: "t.jsonl")
        #expect(windows.records == plain.records)
        #expect(windows.records.map(\.line) == [4, 1])
        let mixed = try TraceReader.parse("{\"submit_seconds\": 1}\r\n{\"submit_seconds\": 2}\n{\"submit_seconds\": 3}\r\n",
                                          file: "t.jsonl")
        #expect(mixed.records.map(\.submittedAt) == [1, 2, 3])
    }

    @Test("a CR inside a line (a quoted CSV field) is not a line break and stays in its field")
    func carriageReturnInAField() throws {
        let trace = try TraceReader.parse("submit_seconds,job_id\r\n1,\"a\rb\"\r\n2,x\r\n", file: "t.csv")
        #expect(trace.records.map(\.jobID) == ["a\rb", "x"])
        #expect(trace.records.map(\.line) == [2, 3])
        #expect(TraceReader.lines("a\r\nb\nc\r\r\nd\re") == ["a", "b", "c\r", "d\re"])
    }

    @Test("the shipped sample with CRLF line endings gives the same 2148 jobs")
    func sampleWithCRLF() throws {
        let plain = try sampleTrace()
        let text = try String(contentsOfFile: plain.file, encoding: .utf8)
        let windows = try TraceReader.parse(text.replacingOccurrences(of: "\n", with: "\r\n"), file: plain.file)
        #expect(plain.records.count == 2148)
        #expect(windows.records == plain.records)
    }
}
