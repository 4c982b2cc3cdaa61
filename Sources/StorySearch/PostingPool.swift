/// Every term's postings of a batch being indexed, already encoded as `PostingList` bytes,
/// in one byte arena.
///
/// Each term's bytes live in a chain of slices that double in size (8 bytes, then 16, …,
/// up to 4 KB), the last 4 bytes of a full slice pointing at the next. A rare word takes 8
/// bytes and a common one wastes at most a slice's worth, so a batch costs about the size
/// of its encoded postings (some 3 bytes a posting) instead of two 4-byte numbers per
/// posting, kept and then sorted again. Written out, a term's bytes are copied as they are.
struct PostingPool {
    private(set) var arena: [UInt8] = []
    /// Per term: where its first slice starts, where the next byte goes, where the current
    /// slice's link begins, how many bytes it holds, and the size of its current slice.
    private var heads: [Int32] = []
    private var writes: [Int32] = []
    private var ends: [Int32] = []
    private var lengths: [Int32] = []
    private var sizes: [UInt16] = []
    /// Per term: the last story appended (for the gap), and how many stories hold it.
    private var lastStories: [Int32] = []
    private(set) var storyCounts: [UInt32] = []

    static let firstSlice = 8
    static let largestSlice = 4096
    private static let link = 4

    var termCount: Int { heads.count }

    /// Bytes in use, for deciding when a batch is big enough to write out.
    var memory: Int { arena.count + heads.count * 26 }

    /// Makes room for `bytes` of postings at once, so the arena is never copied to grow.
    /// Room not yet written costs no memory: the system gives pages as they are touched.
    mutating func reserve(_ bytes: Int) {
        arena.reserveCapacity(bytes)
    }

    /// Makes room for term number `term` (terms are numbered 0, 1, 2, … as they appear).
    mutating func addTerm() {
        let start = newSlice(Self.firstSlice)
        heads.append(start)
        writes.append(start)
        ends.append(start + Int32(Self.firstSlice - Self.link))
        lengths.append(0)
        sizes.append(UInt16(Self.firstSlice))
        lastStories.append(-1)
        storyCounts.append(0)
    }

    /// Appends one posting; stories of a term must come in ascending order.
    mutating func append(term: Int, story: Int32, count: UInt32) {
        let last = lastStories[term]
        // The posting's bytes, encoded on the stack, then copied in one go when they fit.
        var encoded: (UInt64, UInt64) = (0, 0)
        let length = withUnsafeMutableBytes(of: &encoded) { out in
            var length = 0
            func put(_ value: UInt32) {
                var value = value
                while value >= 0x80 {
                    out[length] = UInt8(value & 0x7F) | 0x80
                    length += 1
                    value >>= 7
                }
                out[length] = UInt8(value)
                length += 1
            }
            put(UInt32(last < 0 ? story : story - last))
            put(count)
            return length
        }
        lastStories[term] = story
        storyCounts[term] += 1
        lengths[term] += Int32(length)
        let at = Int(writes[term])
        if Int(ends[term]) - at >= length {
            // Byte by byte: a call to memmove for a few bytes costs more than the copy.
            arena.withUnsafeMutableBytes { arena in
                withUnsafeBytes(of: &encoded) { encoded in
                    for index in 0..<length { arena[at + index] = encoded[index] }
                }
            }
            writes[term] = Int32(at + length)
            return
        }
        withUnsafeBytes(of: &encoded) { bytes in
            for index in 0..<length { appendByte(bytes[index], term: term) }
        }
    }

    private mutating func appendByte(_ byte: UInt8, term: Int) {
        var at = writes[term]
        if at == ends[term] {
            let size = min(Int(sizes[term]) * 2, Self.largestSlice)
            let next = newSlice(size)
            arena.withUnsafeMutableBytes { $0.storeBytes(of: next.littleEndian, toByteOffset: Int(at), as: Int32.self) }
            sizes[term] = UInt16(size)
            ends[term] = next + Int32(size - Self.link)
            at = next
        }
        arena[Int(at)] = byte
        writes[term] = at + 1
    }

    private mutating func newSlice(_ size: Int) -> Int32 {
        let start = Int32(arena.count)
        arena.append(contentsOf: Self.zeros[..<size])
        return start
    }

    private static let zeros = [UInt8](repeating: 0, count: largestSlice)

    /// Calls `body` with each stretch of term `term`'s encoded postings, in order.
    func forEachPiece(of term: Int, _ body: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        try arena.withUnsafeBytes { arena in
            var left = Int(lengths[term])
            var at = Int(heads[term])
            var size = Self.firstSlice
            while left > 0 {
                let room = size - Self.link
                let take = min(left, room)
                try body(UnsafeRawBufferPointer(rebasing: arena[at..<at + take]))
                left -= take
                guard left > 0 else { break }
                at = Int(Int32(littleEndian: arena.loadUnaligned(fromByteOffset: at + room, as: Int32.self)))
                size = min(size * 2, Self.largestSlice)
            }
        }
    }

    /// Term `term`'s encoded postings in one array.
    func bytes(of term: Int, into out: inout [UInt8]) {
        forEachPiece(of: term) { out.append(contentsOf: $0) }
    }
}
