/// Job state details as stored: at most ``StateDetails/maximumBytes`` bytes.
public enum StateDetails {
    /// SimpleDB holds at most 1024 bytes per attribute value; media-nommer
    /// kept the last 1023 characters, on the theory that an error message is
    /// near the end of a tool's output. We keep the last 1023 *bytes* of
    /// UTF-8, so the limit holds for any text.
    public static let maximumBytes = 1023

    /// The last `maximumBytes` bytes of `text`, never splitting a character:
    /// if the cut falls inside a multi-byte UTF-8 sequence, the partial
    /// sequence is dropped too. O(n) in the length of `text` in bytes.
    public static func truncated(_ text: String, maximumBytes: Int = StateDetails.maximumBytes) -> String {
        let utf8 = text.utf8
        guard utf8.count > maximumBytes else { return text }
        var start = utf8.index(utf8.endIndex, offsetBy: -maximumBytes)
        // Skip continuation bytes (10xxxxxx) so the result starts on a scalar boundary.
        while start < utf8.endIndex, utf8[start] & 0b1100_0000 == 0b1000_0000 {
            start = utf8.index(after: start)
        }
        return String(decoding: utf8[start...], as: UTF8.self)
    }
}
