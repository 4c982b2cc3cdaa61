/// Numbers the distinct words of a batch of stories while they are indexed: an open-
/// addressing hash table over one byte arena, so looking up a word allocates nothing.
///
/// A slot holds a term's hash, its number and its first eight bytes: most words are
/// shorter than that, so finding one reads the one slot and no other memory.
struct TermTable {
    private(set) var arena: [UInt8] = []
    private(set) var starts: [Int32] = [0]
    private var slots: [Slot]

    private struct Slot {
        /// 0 when empty; else the hash (its low bit set for a word longer than eight
        /// bytes) in the high half and the term's number + 1 in the low half.
        var tag: UInt64 = 0
        /// The word's first eight bytes, zero after its end (no word holds a zero byte).
        var head: UInt64 = 0
    }

    init(capacity: Int = 1 << 12) {
        var size = 1
        while size < capacity * 2 { size <<= 1 }
        slots = [Slot](repeating: Slot(), count: size)
    }

    var count: Int { starts.count - 1 }

    /// Bytes held, roughly.
    var memory: Int { arena.count + starts.count * 4 + slots.count * 16 }

    func withTerm<T>(_ number: Int, _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        try arena.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[Int(starts[number])..<Int(starts[number + 1])])) }
    }

    /// The term numbers in bytewise order of their words.
    func sortedNumbers() -> [Int] {
        arena.withUnsafeBytes { arena in
            (0..<count).sorted { a, b in
                SearchSegment.compare(UnsafeRawBufferPointer(rebasing: arena[Int(starts[a])..<Int(starts[a + 1])]),
                                      UnsafeRawBufferPointer(rebasing: arena[Int(starts[b])..<Int(starts[b + 1])])) < 0
            }
        }
    }

    /// The number of `word` (not empty, without zero bytes), adding it when new.
    mutating func number(of word: UnsafeBufferPointer<UInt8>) -> Int {
        let raw = UnsafeRawBufferPointer(word)
        let (hash, head) = Self.hash(raw)
        let isLong = raw.count > 8
        let tag = UInt64(hash & ~1 | (isLong ? 1 : 0)) << 32
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash >> 1) & mask
        let found: Int? = slots.withUnsafeBufferPointer { slots in
            while true {
                let entry = slots[slot]
                if entry.tag == 0 { return nil }
                if entry.tag & 0xFFFF_FFFF_0000_0000 == tag && entry.head == head {
                    let number = Int(truncatingIfNeeded: entry.tag & 0xFFFF_FFFF) - 1
                    if !isLong || matchesRest(number, raw) { return number }
                }
                slot = (slot + 1) & mask
            }
        }
        if let found { return found }
        let number = count
        arena.append(contentsOf: word)
        starts.append(Int32(arena.count))
        slots[slot] = Slot(tag: tag | UInt64(number + 1), head: head)
        if count * 2 > slots.count { grow() }
        return number
    }

    /// Whether term `number`, whose first eight bytes match, is `word`. Compared here
    /// rather than by memcmp: words are short, and the call would cost more.
    private func matchesRest(_ number: Int, _ word: UnsafeRawBufferPointer) -> Bool {
        let start = Int(starts[number]), end = Int(starts[number + 1])
        guard end - start == word.count else { return false }
        return arena.withUnsafeBytes { arena in
            var index = 8
            while index < word.count {
                if arena[start + index] != word[index] { return false }
                index += 1
            }
            return true
        }
    }

    /// A hash of a word, eight bytes at a time, and its first eight bytes.
    static func hash(_ raw: UnsafeRawBufferPointer) -> (UInt32, UInt64) {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(raw.count)
        var head: UInt64 = 0
        var index = 0
        while index + 8 <= raw.count {
            let chunk = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            if index == 0 { head = chunk }
            hash = (hash ^ chunk) &* 0xBF58_476D_1CE4_E5B9
            hash ^= hash >> 31
            index += 8
        }
        if index < raw.count {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            for byte in raw[index...] {
                tail |= UInt64(byte) << shift
                shift += 8
            }
            if index == 0 { head = tail }
            hash = (hash ^ tail) &* 0x94D0_49BB_1331_11EB
            hash ^= hash >> 29
        }
        return (UInt32(truncatingIfNeeded: hash ^ hash >> 32), head)
    }

    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(), count: old.count * 2)
        let mask = slots.count - 1
        for entry in old where entry.tag != 0 {
            var slot = Int(truncatingIfNeeded: entry.tag >> 33) & mask
            while slots[slot].tag != 0 { slot = (slot + 1) & mask }
            slots[slot] = entry
        }
    }
}
