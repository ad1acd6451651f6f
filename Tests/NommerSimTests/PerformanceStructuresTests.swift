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

@Suite("Decimal text")
struct DecimalTextTests {
    @Test("formats like String(describing:) and parses back")
    func roundTrip() {
        for number: UInt64 in [0, 7, 10, 99, 12_345, 1 << 40, UInt64.max] {
            let text = DecimalText.make("r", number)
            #expect(text == "r\(number)")
            if number < 10_000_000_000_000_000_000 { #expect(DecimalText.parse(text, prefix: UInt8(ascii: "r")) == number) }
        }
        #expect(DecimalText.make("jobs-", 42) == "jobs-42")
        #expect(DecimalText.parse("x12", prefix: UInt8(ascii: "r")) == nil)
        #expect(DecimalText.parse("r", prefix: UInt8(ascii: "r")) == nil)
        #expect(DecimalText.parse("r1a", prefix: UInt8(ascii: "r")) == nil)
        #expect(DecimalText.parse("bogus", prefix: UInt8(ascii: "r")) == nil)
    }
}
