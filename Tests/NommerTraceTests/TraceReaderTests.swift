import Foundation
import NommerTrace
import Testing

/// The error parsing `text` as `file` throws, or nil.
func readFailure(_ text: String, file: String = "t.csv", format: TraceReader.Format? = nil) -> TraceError? {
    do {
        _ = try TraceReader.parse(text, file: file, format: format)
        return nil
    } catch {
        return error
    }
}

@Suite("trace reader")
struct TraceReaderTests {
    @Test("CSV: every column, quotes, comments, blank lines, sorted by time with ties in file order")
    func csvColumns() throws {
        let text = """
            # a comment
            job_id,submit_seconds,encode_seconds,outcome,region
            a,10,300.5,finished,eu

            "b, quoted",5,,error,us
            c,10,,,eu
            d , 2.5 ,60,FINISHED,"x"
            """
        let trace = try TraceReader.parse(text, file: "t.csv")
        #expect(trace.records.map(\.submittedAt) == [2.5, 5, 10, 10])
        #expect(trace.records.map(\.jobID) == ["d", "b, quoted", "a", "c"])
        #expect(trace.records.map(\.line) == [7, 5, 3, 6])
        #expect(trace.records.map(\.encodeSeconds) == [60, nil, 300.5, nil])
        #expect(trace.records.map(\.outcome) == [.finished, .error, .finished, nil])
        #expect(trace.ignoredFields == ["region"])
        #expect(trace.startSecondOfDay == 0)
    }

    @Test("ISO 8601 timestamps: seconds from the earliest, which sets the time of day")
    func timestamps() throws {
        let text = """
            submitted_at,encode_seconds
            2024-03-01T10:30:00Z,100
            2024-03-01T10:29:00.500Z,100
            2024-03-01T12:30:00+01:00,
            """
        let trace = try TraceReader.parse(text, file: "t.csv")
        #expect(trace.records.map(\.submittedAt) == [0, 59.5, 3659.5])
        let expectedStart: Double = 10 * 3600 + 29 * 60 + 0.5
        #expect(trace.startSecondOfDay == expectedStart)
    }

    @Test("JSON lines: numbers or strings, null for absent, unknown keys ignored")
    func jsonLines() throws {
        let text = """
            {"submit_seconds": 3, "encode_seconds": 120, "outcome": "error", "job_id": 17}
            {"submit_seconds": "1.5", "encode_seconds": null, "host": "x"}
            """
        let trace = try TraceReader.parse(text, file: "t.jsonl")
        #expect(trace.records.map(\.submittedAt) == [1.5, 3])
        #expect(trace.records[1].jobID == "17")
        #expect(trace.records[1].outcome == .error)
        #expect(trace.records[0].encodeSeconds == nil)
        #expect(trace.ignoredFields == ["host"])
    }

    @Test("download and upload times: optional columns and keys, read where given")
    func transferTimes() throws {
        let csv = try TraceReader.parse("submit_seconds,download_seconds,upload_seconds\n1,12.5,\n2,,7\n", file: "t.csv")
        #expect(csv.records.map(\.downloadSeconds) == [12.5, nil])
        #expect(csv.records.map(\.uploadSeconds) == [nil, 7])
        #expect(csv.ignoredFields.isEmpty)
        let json = try TraceReader.parse("""
            {"submit_seconds": 1, "download_seconds": "3", "upload_seconds": 4.25}
            {"submit_seconds": 2, "download_seconds": null}
            """, file: "t.jsonl")
        #expect(json.records.map(\.downloadSeconds) == [3, nil])
        #expect(json.records.map(\.uploadSeconds) == [4.25, nil])
    }

    @Test("a malformed line is an error naming the file and line", arguments: [
        ("submit_seconds,encode_seconds\n1,2\n2,abc\n", 3, "encode_seconds is not a number >= 0"),
        ("submit_seconds,encode_seconds\n1,2\n-4,2\n", 3, "submit_seconds is not a number >= 0"),
        ("submit_seconds,outcome\n1,done\n", 2, "outcome is not finished or error"),
        ("# c\nsubmit_seconds,outcome\n1\n", 3, "wrong number of fields"),
        ("submit_seconds,job_id\n1,\"open\n", 2, "unterminated quoted field"),
        ("submitted_at\n2024-03-01 10:00\n", 2, "submitted_at is not an ISO 8601 timestamp with a time zone"),
        ("submit_seconds\nnan\n", 2, "submit_seconds is not a number >= 0"),
        ("submit_seconds,encode_seconds\n1,\n,5\n", 3, "no submit_seconds"),
        ("submit_seconds,download_seconds\n1,2\n2,-1\n", 3, "download_seconds is not a number >= 0"),
        ("submit_seconds,upload_seconds\n1,x\n", 2, "upload_seconds is not a number >= 0"),
        ("submit_seconds\n0\n1700000000000\n", 3,
         "submit_seconds is over 100 years (3155760000 s); seconds from the trace's start are expected (for dates use submitted_at)"),
        ("submitted_at\n2024-03-01T10:00:00Z\n2224-03-01T10:00:00Z\n", 3,
         "submitted_at is over 100 years after the earliest one; a replay would run that long"),
        ("submitted_at\n2024-02-29T10:00:00Z\n2024-02-30T00:00:00Z\n", 3, "submitted_at is a date or time that does not exist"),
        ("submitted_at\n2023-02-29T10:00:00Z\n", 2, "submitted_at is a date or time that does not exist"),
        ("submitted_at\n2024-04-31T10:00:00.5+02:00\n", 2, "submitted_at is a date or time that does not exist"),
    ])
    func malformedCSV(text: String, line: Int, problem: String) throws {
        let error = try #require(readFailure(text))
        #expect(error.line == line)
        #expect(error.problem == problem)
        #expect(error.description.hasPrefix("t.csv:\(line): \(problem)"))
    }

    @Test("a leap second (second 60) is read as the next minute's second 0, with or without a fraction or an offset")
    func leapSecond() throws {
        let trace = try TraceReader.parse("""
            submitted_at
            2016-12-31T23:59:59Z
            2016-12-31T23:59:60Z
            2016-12-31T23:59:60.5Z
            2017-01-01T00:59:60+01:00
            """, file: "t.csv")
        #expect(trace.records.map(\.submittedAt) == [0, 1, 1, 1.5]) // in order of submission
        #expect(readFailure("submitted_at\n2016-12-31T23:59:61Z\n")?.problem == "submitted_at is not an ISO 8601 timestamp with a time zone")
    }

    @Test("malformed JSON lines name their line")
    func malformedJSON() throws {
        let cases: [(String, Int, String)] = [
            ("{\"submit_seconds\": 1}\n{\"submit_seconds\": 2\n", 2, "not valid JSON"),
            ("{\"submit_seconds\": 1}\n[1, 2]\n", 2, "not a JSON object"),
            ("{\"submit_seconds\": 1}\n{\"submitted_at\": \"2024-03-01T10:00:00Z\"}\n", 2,
             "submitted_at in a trace whose first job has submit_seconds"),
            ("{\"submit_seconds\": true}\n", 1, "submit_seconds is not a string or a number"),
            ("{\"submit_seconds\": 1}\n{\"submit_seconds\": 1, \"submit_seconds\": 2}\n", 2, "key named twice in the JSON object"),
            ("{\"submit_seconds\": 1, \"submit\\u005fseconds\": 2}\n", 1, "key named twice in the JSON object"),
        ]
        for (text, line, problem) in cases {
            let error = try #require(readFailure(text, file: "t.jsonl", format: .jsonLines))
            #expect(error.line == line, "\(text)")
            #expect(error.problem == problem, "\(text)")
        }
    }

    @Test("impossible dates and duplicate JSON keys name the line, the field and the key")
    func datesAndDuplicateKeys() throws {
        let date = try #require(readFailure("submitted_at,job_id\n2024-02-30T00:00:00Z,a\n"))
        #expect(date.description == "t.csv:2: submitted_at is a date or time that does not exist: '2024-02-30T00:00:00Z'")
        let key = try #require(readFailure("{\"submit_seconds\": 1, \"submit_seconds\": 2}\n", file: "t.jsonl"))
        #expect(key.description == "t.jsonl:1: key named twice in the JSON object: 'submit_seconds'")
        // Real dates (a leap day, a leap second's 60), and the same key in nested objects or as a value, are fine.
        let trace = try TraceReader.parse("submitted_at\n2024-02-29T23:59:59Z\n2000-02-29T00:00:00.250+01:00\n", file: "t.csv")
        #expect(trace.records.count == 2)
        let nested = try TraceReader.parse("""
            {"submit_seconds": 1, "meta": {"submit_seconds": 2, "x": {"submit_seconds": 3}}, "job_id": "submit_seconds"}
            {"submit_seconds": 2, "tags": ["a", "a"], "k\\"e": 1, "k\\"f": 2}
            """, file: "t.jsonl")
        #expect(nested.records.map(\.submittedAt) == [1, 2])
    }

    @Test("a bad header or an empty trace is refused even with --skip-bad")
    func badHeader() throws {
        #expect(readFailure("encode_seconds\n5\n")?.problem == "the header has neither submit_seconds nor submitted_at")
        #expect(readFailure("submit_seconds,submitted_at\n")?.problem == "the header has both submit_seconds and submitted_at")
        #expect(readFailure("submit_seconds,submit_seconds\n1,1\n")?.line == 1)
        #expect(readFailure("# nothing\n\n")?.problem == "the trace has no jobs")
        #expect(throws: TraceError.self) { try TraceReader.parse("submit_seconds\nx\ny\n", file: "t.csv", skipBad: true) }
    }

    @Test("--skip-bad leaves bad lines out, counts them and says why")
    func skipBad() throws {
        let text = """
            submit_seconds,encode_seconds,outcome
            1,10,finished
            2,abc,finished
            3,10,maybe
            4,xyz,error
            5,10
            6,10,error
            """
        let trace = try TraceReader.parse(text, file: "t.csv", skipBad: true)
        #expect(trace.records.map(\.submittedAt) == [1, 6])
        #expect(trace.skipped.map { $0.line ?? 0 } == [3, 4, 5, 6])
        #expect(trace.skippedSummary == [
            "2 x encode_seconds is not a number >= 0 (first at line 3: 'abc')",
            "1 x outcome is not finished or error (first at line 4: 'maybe')",
            "1 x wrong number of fields (first at line 6: expected 3, got 2)",
        ])
    }

    @Test("the format comes from the extension, else from the first line")
    func formatDetection() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("trace-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let json = folder.appendingPathComponent("t.log")
        try "{\"submit_seconds\": 4}\n".write(to: json, atomically: true, encoding: .utf8)
        #expect(try TraceReader.read(path: json.path).records.map(\.submittedAt) == [4])
        let missing = folder.appendingPathComponent("none.csv").path
        #expect(throws: TraceError(file: missing, problem: "cannot read the trace", detail: "no such file")) {
            try TraceReader.read(path: missing)
        }
    }
}
