/// Where things lie in a search segment's bytes (little-endian throughout).
///
/// ```
/// header (152 bytes)   magic, version, counts, total words, generation, base generation,
///                      the offsets below, file length, checksum of the header
/// story table          56 bytes a story, sorted by path: string offset, path/title/source
///                      lengths, word count, file size, mtime s, mtime ns, date
/// story words          UInt16 a story: its word count again, `wordsUnknown` when it does
///                      not fit (then the story table says)
/// story strings        path, title and source of each story, back to back
/// postings             each term's `PostingList`, in term order
/// term bytes           the terms, sorted bytewise, back to back
/// term offsets         (terms + 1) × UInt32 into term bytes
/// term table           16 bytes a term: postings offset (UInt64), length, story count (UInt32)
/// deleted              UInt32 story numbers of the base segment this one replaces
/// ```
/// Stories sorted by path make a path's story number a binary search; terms sorted
/// bytewise make a word's postings a binary search and a prefix a range. The story words
/// are what every query needs of every story (BM25 weighs a story by its length): 2 bytes
/// a story read in one go, rather than the whole story table (version 1 had only the
/// table; such a segment is read as damaged, and so built again once).
enum SearchSegmentLayout {
    static let magic: [UInt8] = Array("BYLNSRCH".utf8)
    static let version: UInt32 = 2
    static let headerSize = 152
    static let storySize = 56
    static let termSize = 16

    // Header fields.
    static let versionAt = 8
    static let storyCountAt = 12
    static let termCountAt = 16
    static let deletedCountAt = 20
    static let totalWordsAt = 24
    static let generationAt = 32
    static let baseGenerationAt = 40
    static let storyTableAt = 48
    static let storyStringsAt = 56
    static let storyStringsLengthAt = 64
    static let postingsAt = 72
    static let postingsLengthAt = 80
    static let termBytesAt = 88
    static let termBytesLengthAt = 96
    static let termOffsetsAt = 104
    static let termTableAt = 112
    static let deletedAt = 120
    static let storyWordsAt = 128
    static let fileLengthAt = 136
    static let checksumAt = 144
    /// In the story words, a count of this or more: read the story table's.
    static let wordsUnknown = UInt16.max

    /// FNV-1a over the header before its checksum: a cheap check that catches a torn or
    /// foreign file on opening, without reading the whole index.
    static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes.prefix(checksumAt) {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}

extension Array where Element == UInt8 {
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        var value = value.littleEndian
        Swift.withUnsafeBytes(of: &value) { append(contentsOf: $0) }
    }

    mutating func setLittleEndian<T: FixedWidthInteger>(_ value: T, at offset: Int) {
        var value = value.littleEndian
        Swift.withUnsafeBytes(of: &value) { raw in
            for (index, byte) in raw.enumerated() { self[offset + index] = byte }
        }
    }
}

extension UnsafeRawBufferPointer {
    func little<T: FixedWidthInteger>(_: T.Type, at offset: Int) -> T {
        T(littleEndian: loadUnaligned(fromByteOffset: offset, as: T.self))
    }
}
