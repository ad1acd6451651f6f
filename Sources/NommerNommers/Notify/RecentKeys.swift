/// A bounded set of recently seen keys: remembers the last `capacity`
/// inserted, forgetting the oldest first. Not thread-safe; guard it.
struct RecentKeys<Key: Hashable> {
    private var members: Set<Key> = []
    private var order: [Key?]
    private var next = 0

    init(capacity: Int) {
        order = Array(repeating: nil, count: max(1, capacity))
    }

    /// Inserts `key`; false if it was already there.
    mutating func insert(_ key: Key) -> Bool {
        guard !members.contains(key) else { return false }
        if let evicted = order[next] { members.remove(evicted) }
        order[next] = key
        members.insert(key)
        next = (next + 1) % order.count
        return true
    }
}
