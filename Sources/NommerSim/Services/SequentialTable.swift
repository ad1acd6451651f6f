/// A map from keys handed out in increasing order (receipt numbers, job
/// serial numbers, instance indices) to values, kept in a sliding window: a
/// lookup is an array index, with no hashing.
///
/// The window runs from the oldest key still present to the newest. A value
/// that stays while many newer keys come and go would stretch the window, so
/// when the window holds four times more slots than values (and more than
/// 1024), its oldest values move to a side dictionary: memory stays
/// proportional to the values present, whatever their ages.
///
/// Storage is a plain array whose front is dropped in bulk once half of it
/// is behind the window (amortized O(1)); a `Deque` costs a reference count
/// and a uniqueness check per element access, which showed in profiles.
struct SequentialTable<Value> {
    /// `slots[head + (key - base)]` holds the value of `key`, for keys in the window.
    private var slots: [Value?] = []
    private var head = 0
    private var base: UInt64 = 0
    private var valuesInWindow = 0
    /// Values whose keys are below `base`.
    private var stragglers: [UInt64: Value] = [:]

    /// Values present.
    var count: Int { valuesInWindow + stragglers.count }

    private var windowCount: Int { slots.count - head }

    /// The slot of `key`, if it is in the window.
    @inline(__always)
    private func slot(_ key: UInt64) -> Int? {
        guard key >= base, key - base < UInt64(windowCount) else { return nil }
        return head + Int(key - base)
    }

    /// Adds a value under `key`, which must be greater than every key added
    /// before. O(1) amortized (plus the gap, if keys skip).
    mutating func append(_ value: consuming Value, for key: UInt64) {
        precondition(key >= base + UInt64(windowCount), "keys must increase")
        if windowCount == 0 { base = key } // every straggler is below the old base, so below `key`
        while base + UInt64(windowCount) < key { slots.append(nil) }
        slots.append(value)
        valuesInWindow += 1
        if windowCount > 1024 && windowCount > 4 * valuesInWindow { spillOldest() }
    }

    /// Sets the value under any `key`: appended when it is past the window,
    /// stored in the window or with the stragglers otherwise.
    mutating func insert(_ value: consuming Value, for key: UInt64) {
        if key < base {
            stragglers[key] = value // stragglers are exactly the keys below the window
        } else if let slot = slot(key) {
            if slots[slot] == nil { valuesInWindow += 1 }
            slots[slot] = value
        } else {
            append(value, for: key)
        }
    }

    /// The value under `key`, if present.
    subscript(key: UInt64) -> Value? {
        guard let slot = slot(key) else { return stragglers.isEmpty ? nil : stragglers[key] }
        return slots[slot]
    }

    /// Replaces the value under `key`, if present; returns whether it was.
    @discardableResult
    mutating func update(_ value: Value, for key: UInt64) -> Bool {
        guard let slot = slot(key) else {
            guard stragglers[key] != nil else { return false }
            stragglers[key] = value
            return true
        }
        guard slots[slot] != nil else { return false }
        slots[slot] = value
        return true
    }

    /// Removes and returns the value under `key`, if present.
    @discardableResult
    mutating func removeValue(for key: UInt64) -> Value? {
        let value = take(key)
        if key == base { trimFront() }
        return value
    }

    /// Removes and returns the value under `key` for a moment, to be put
    /// back with ``insert(_:for:)``: unlike ``removeValue(for:)`` the window
    /// keeps its place, so the value goes back where it was.
    mutating func take(_ key: UInt64) -> Value? {
        guard let slot = slot(key) else { return stragglers.isEmpty ? nil : stragglers.removeValue(forKey: key) }
        guard let value = slots[slot].take() else { return nil }
        valuesInWindow -= 1
        return value
    }

    /// Every value, in no particular order. O(window).
    var values: [Value] { slots[head...].compactMap { $0 } + Array(stragglers.values) }

    /// Moves the window's start past empty slots, and drops the array's
    /// front once half of it is behind the window.
    private mutating func trimFront() {
        while head < slots.count, slots[head] == nil {
            head += 1
            base += 1
        }
        if head == slots.count {
            slots.removeAll(keepingCapacity: true)
            head = 0
        } else if head > 64 && head * 2 > slots.count {
            slots.removeFirst(head)
            head = 0
        }
    }

    /// Moves the oldest values to the side dictionary until the window is half values.
    private mutating func spillOldest() {
        while windowCount > 2 * valuesInWindow {
            if let value = slots[head].take() {
                stragglers[base] = value
                valuesInWindow -= 1
            }
            head += 1
            base += 1
        }
        trimFront()
    }
}
