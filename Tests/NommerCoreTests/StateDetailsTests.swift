import NommerCore
import Testing

/// Whether `suffix`'s UTF-8 bytes end `text`'s UTF-8 bytes.
private func isByteSuffix(_ suffix: String, of text: String) -> Bool {
    Array(text.utf8).suffix(suffix.utf8.count).elementsEqual(suffix.utf8)
}

@Suite("StateDetails.truncated")
struct StateDetailsTests {
    @Test("the limit is 1023 bytes")
    func limit() {
        #expect(StateDetails.maximumBytes == 1023)
    }

    @Test("text within the limit is unchanged")
    func shortUnchanged() {
        #expect(StateDetails.truncated("ffmpeg: done") == "ffmpeg: done")
        let exact = String(repeating: "x", count: 1023)
        #expect(StateDetails.truncated(exact) == exact)
        #expect(StateDetails.truncated("") == "")
    }

    @Test("long ASCII text keeps its last 1023 bytes")
    func longASCII() {
        let text = String(repeating: "a", count: 1000) + String(repeating: "b", count: 1000) + "END"
        let result = StateDetails.truncated(text)
        #expect(result.utf8.count == 1023)
        #expect(result == String(repeating: "a", count: 20) + String(repeating: "b", count: 1000) + "END")
    }

    @Test("multi-byte text is never split: valid, at most 1023 bytes, a suffix of the input",
          arguments: ["é", "€", "😀", "e\u{301}"], 0..<4)
    func multiByte(character: String, asciiPrefix: Int) {
        // The ASCII tail shifts where the 1023-byte cut falls within a character.
        let text = String(repeating: character, count: 700) + String(repeating: "z", count: asciiPrefix)
        let result = StateDetails.truncated(text)
        let width = character.unicodeScalars.map { String($0).utf8.count }.max()!
        #expect(result.utf8.count <= 1023)
        #expect(result.utf8.count > 1023 - width)
        #expect(!result.unicodeScalars.contains("\u{FFFD}"))
        #expect(isByteSuffix(result, of: text))
        #expect(String(validating: Array(result.utf8), as: UTF8.self) == result)
    }

    @Test("a smaller limit can be given")
    func customLimit() {
        #expect(StateDetails.truncated("abcdef", maximumBytes: 3) == "def")
        // "€" is 3 bytes: 4 bytes of "€€" would start inside the first one.
        #expect(StateDetails.truncated("€€", maximumBytes: 4) == "€")
    }

    @Test("EncodingJob stores truncated details, at creation and on a transition")
    func jobStoresTruncated() throws {
        let long = String(repeating: "€", count: 500)
        var job = makeJob("j", state: .downloading, details: long)
        #expect(job.stateDetails == StateDetails.truncated(long))
        #expect(job.stateDetails!.utf8.count == 1023)
        try job.transition(to: .error, details: "x" + long, at: 1)
        #expect(job.stateDetails == StateDetails.truncated("x" + long))
        #expect(job.stateDetails!.utf8.count <= 1023)
    }
}
