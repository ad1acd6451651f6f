/// Decimal numbers as short strings, without `String` interpolation's
/// generic formatting: the simulated queue names every message and receipt
/// this way (`r123`), once per receive.
enum DecimalText {
    /// `prefix` followed by `number` in decimal. A result of up to 15 bytes is
    /// a small string (no allocation).
    static func make(_ prefix: String, _ number: UInt64) -> String {
        var prefix = prefix
        return prefix.withUTF8 { make(prefixBytes: UnsafeRawBufferPointer($0), number) }
    }

    private static func make(prefixBytes: UnsafeRawBufferPointer, _ number: UInt64) -> String {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0) // room for 20 digits, written from the end
        var count = 0
        var rest = number
        return withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                count += 1
                buffer[24 - count] = UInt8(truncatingIfNeeded: rest % 10) &+ 48
                rest /= 10
            } while rest > 0
            return String(unsafeUninitializedCapacity: prefixBytes.count + count) { output in
                for (offset, byte) in prefixBytes.enumerated() { output[offset] = byte }
                for offset in 0..<count { output[prefixBytes.count + offset] = buffer[24 - count + offset] }
                return prefixBytes.count + count
            }
        }
    }

    /// The number after `prefix` in `text` (the inverse of ``make(_:_:)``);
    /// nil if `text` has another form.
    static func parse(_ text: String, prefix: UInt8) -> UInt64? {
        let utf8 = text.utf8
        var iterator = utf8.makeIterator()
        guard iterator.next() == prefix else { return nil }
        var value: UInt64 = 0
        var digits = 0
        while let byte = iterator.next() {
            guard byte >= 48 && byte <= 57, digits < 19 else { return nil }
            value = value &* 10 &+ UInt64(byte &- 48)
            digits += 1
        }
        return digits > 0 ? value : nil
    }
}
