import NommerCore
import Testing
@testable import NommerSim

@Suite("Sequential table")
struct SequentialTableTests {
    @Test("values by increasing key: lookup, update, removal in any order")
    func basics() {
        var table = SequentialTable<String>()
        for key in UInt64(10)..<20 { table.append("v\(key)", for: key) }
        #expect(table.count == 10)
        #expect(table[9] == nil)
        #expect(table[15] == "v15")
        #expect(table.removeValue(for: 15) == "v15")
        #expect(table.removeValue(for: 15) == nil)
        let updated = table.update("new", for: 12)
        let updatedRemoved = table.update("gone", for: 15)
        #expect(updated && !updatedRemoved)
        #expect(table[12] == "new")
        #expect(table.removeValue(for: 10) == "v10")
        #expect(table.count == 8)
        table.append("v30", for: 30) // keys may skip
        #expect(table[25] == nil)
        #expect(table[30] == "v30")
        #expect(table.count == 9)
    }

    @Test("a value kept while many newer ones come and go stays reachable, and memory stays small")
    func straggler() {
        var table = SequentialTable<Int>()
        table.append(-1, for: 0)
        for key in UInt64(1)...100_000 {
            table.append(Int(key), for: key)
            #expect(table.removeValue(for: key) == Int(key))
        }
        #expect(table[0] == -1)
        #expect(table.count == 1)
        let updatedStraggler = table.update(-2, for: 0)
        #expect(updatedStraggler)
        #expect(table.removeValue(for: 0) == -2)
        #expect(table.count == 0)
        table.append(7, for: 100_001)
        #expect(table[100_001] == 7)
    }
}

@Suite("Sequential table, keys out of order")
struct SequentialTableOrderTests {
    @Test("insert takes keys below, inside and past the window; take and insert put a value back in place")
    func insertAnywhere() {
        var table = SequentialTable<String>()
        table.insert("five", for: 5)
        table.insert("three", for: 3) // below the window: a straggler
        table.insert("nine", for: 9)
        table.insert("seven", for: 7) // inside the window, in a gap
        #expect(table.count == 4)
        #expect([3, 5, 7, 9].map { table[$0] } == ["three", "five", "seven", "nine"])
        #expect(table.values.sorted() == ["five", "nine", "seven", "three"])
        let taken = table.take(5)
        #expect(taken == "five")
        #expect(table[5] == nil)
        table.insert("FIVE", for: 5)
        #expect(table[5] == "FIVE")
        #expect(table.removeValue(for: 3) == "three")
        #expect(table.removeValue(for: 5) == "FIVE")
        table.insert("four", for: 4)
        #expect(table[4] == "four")
        #expect(table.count == 3)
    }
}
