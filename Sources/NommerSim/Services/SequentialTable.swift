import DequeModule

/// A map from keys handed out in increasing order (receipt numbers) to
/// values, kept in a sliding window: a lookup is an index into a ring buffer,
/// with no hashing.
///
/// The window runs from the oldest key still present to the newest. A value
/// that stays while many newer keys come and go would stretch the window, so
/// when the window holds four times more slots than values (and more than
/// 1024), its oldest values move to a side dictionary: memory stays
/// proportional to the values present, whatever their ages.
struct SequentialTable<Value> {
    private var base: UInt64 = 0
    private var window = Deque<Value?>()
    private var valuesInWindow = 0
    private var stragglers: [UInt64: Value] = [:]

    /// Values present.
    var count: Int { valuesInWindow + stragglers.count }

    /// Adds a value under `key`, which must be greater than every key added
    /// before. O(1) amortized (plus the gap, if keys skip).
    mutating func append(_ value: Value, for key: UInt64) {
        if window.isEmpty { base = key }
        precondition(key >= base + UInt64(window.count), "keys must increase")
        while base + UInt64(window.count) < key { window.append(nil) }
        window.append(value)
        valuesInWindow += 1
        if window.count > 1024 && window.count > 4 * valuesInWindow { spillOldest() }
    }

    /// Sets the value under any `key`: appended when it is past the window,
    /// stored in the window or with the stragglers otherwise.
    mutating func insert(_ value: Value, for key: UInt64) {
        if window.isEmpty || key >= base + UInt64(window.count) {
            append(value, for: key)
        } else if key >= base {
            let index = Int(key - base)
            if window[index] == nil { valuesInWindow += 1 }
            window[index] = value
        } else {
            stragglers[key] = value
        }
    }

    /// The value under `key`, if present.
    subscript(key: UInt64) -> Value? {
        guard key >= base, key - base < UInt64(window.count) else { return stragglers[key] }
        return window[Int(key - base)]
    }

    /// Replaces the value under `key`, if present; returns whether it was.
    @discardableResult
    mutating func update(_ value: Value, for key: UInt64) -> Bool {
        guard key >= base, key - base < UInt64(window.count) else {
            guard stragglers[key] != nil else { return false }
            stragglers[key] = value
            return true
        }
        let index = Int(key - base)
        guard window[index] != nil else { return false }
        window[index] = value
        return true
    }

    /// Removes and returns the value under `key`, if present.
    @discardableResult
    mutating func removeValue(for key: UInt64) -> Value? {
        guard key >= base, key - base < UInt64(window.count) else { return stragglers.removeValue(forKey: key) }
        let index = Int(key - base)
        guard let value = window[index].take() else { return nil }
        valuesInWindow -= 1
        if index == 0 { trimFront() }
        return value
    }

    /// Every value, in no particular order. O(window).
    var values: [Value] { window.compactMap { $0 } + Array(stragglers.values) }

    private mutating func trimFront() {
        while let first = window.first, first == nil {
            window.removeFirst()
            base += 1
        }
    }

    /// Moves the oldest values to the side dictionary until the window is half values.
    private mutating func spillOldest() {
        while window.count > 2 * valuesInWindow, let first = window.popFirst() {
            if let value = first {
                stragglers[base] = value
                valuesInWindow -= 1
            }
            base += 1
        }
        trimFront()
    }
}
