/// Numbers the distinct words of a batch of stories while they are indexed: an open-
/// addressing hash table over one byte arena, so looking up a word allocates nothing.
struct TermTable {
    private(set) var arena: [UInt8] = []
    private(set) var starts: [Int32] = [0]
    private var slots: [Int32]
    private var hashes: [UInt32] = []

    init(capacity: Int = 1 << 14) {
        var size = 1
        while size < capacity * 2 { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
    }

    var count: Int { starts.count - 1 }

    func term(_ number: Int) -> ArraySlice<UInt8> {
        arena[Int(starts[number])..<Int(starts[number + 1])]
    }

    /// The number of `word`, adding it when new.
    mutating func number(of word: UnsafeBufferPointer<UInt8>) -> Int {
        var hash: UInt32 = 2_166_136_261
        for byte in word { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        while true {
            let found = slots[slot]
            if found < 0 { break }
            if hashes[Int(found)] == hash && term(Int(found)).elementsEqual(word) { return Int(found) }
            slot = (slot + 1) & mask
        }
        let number = count
        arena.append(contentsOf: word)
        starts.append(Int32(arena.count))
        hashes.append(hash)
        slots[slot] = Int32(number)
        if count * 2 > slots.count { grow() }
        return number
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for number in 0..<count {
            var slot = Int(hashes[number]) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(number)
        }
    }
}
