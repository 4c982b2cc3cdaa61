/// A segment's common prefixes, each with its best stories worked out when the segment was
/// written, so typing the first letters of a word in `/` never reads the postings of
/// every word they stand for.
///
/// A one-letter prefix stands for some thirty of the commonest words (`PrefixExpansion`):
/// ranking it decodes most of a library's postings, at every first key of every word
/// typed. For each prefix whose words hold at least `QuickPrefixSettings.leastPostings` postings, the
/// writer stores:
///
/// - the words it stands for, in the order a query adds them;
/// - its `candidates` best stories as ranked with the segment's own statistics, each with
///   how often it uses each of those words, so a query scores them exactly as decoding the
///   postings would;
/// - `bound`, the best such score of any other story: with the library's statistics of
///   the moment (more stories, other rarities) a query works out how high another story
///   can then score (`QuickSearch`), and uses the stored stories only when the page they
///   fill is above it, else ranks the long way;
/// - the stories holding any of the words, as a bitmap, so the count of matches is a
///   popcount rather than a walk of every list.
///
/// Layout: the blobs (prefix bytes, term numbers as UInt32, candidates, bitmap), then a
/// directory of `entrySize`-byte entries sorted by prefix, then a trailer: directory start
/// (UInt64), entry count, version (UInt32 each), magic. The section follows the deleted
/// list at the end of the file, which a segment without one (written before it existed)
/// simply ends at: such a segment ranks every prefix the long way.
///
/// Candidates are in story order: gap from the previous story, a mask of the words it
/// holds (bit n: the n-th word), and each held word's count, as seven-bits-a-byte numbers.
struct QuickPrefixes {
    static let magic: [UInt8] = Array("BYLNQPFX".utf8)
    static let version: UInt32 = 1
    static let trailerSize = 24
    static let entrySize = 56

    /// One prefix's entry, its offsets checked to lie inside the segment.
    struct Entry {
        var terms: Range<Int>
        var termCount: Int
        var candidates: Range<Int>
        var candidateCount: Int
        var union: Range<Int>
        var unionCount: Int
        var bound: Float
    }

    let bytes: UnsafeRawBufferPointer
    let directory: Int
    let count: Int
    let storyCount: Int

    /// The section at the end of a segment's `bytes`, after `end` (where its deleted list
    /// ends); nil when there is none or it does not hang together.
    init?(_ bytes: UnsafeRawBufferPointer, after end: Int, storyCount: Int) {
        let trailer = bytes.count - Self.trailerSize
        guard trailer >= end, bytes[(bytes.count - 8)...].elementsEqual(Self.magic),
              bytes.little(UInt32.self, at: trailer + 12) == Self.version else { return nil }
        let directory = bytes.little(UInt64.self, at: trailer)
        let count = UInt64(bytes.little(UInt32.self, at: trailer + 8))
        guard directory >= UInt64(end), directory + count * UInt64(Self.entrySize) == UInt64(trailer) else { return nil }
        self.bytes = bytes
        self.directory = Int(directory)
        self.count = Int(count)
        self.storyCount = storyCount
    }

    private func range(_ at: Int, length: Int) -> Range<Int>? {
        let start = bytes.little(UInt64.self, at: at)
        guard start <= UInt64(bytes.count), length >= 0, UInt64(length) <= UInt64(bytes.count) - start else { return nil }
        return Int(start)..<Int(start) + length
    }

    private func prefix(_ index: Int) -> UnsafeRawBufferPointer {
        let at = directory + index * Self.entrySize
        guard let range = range(at, length: Int(bytes.little(UInt32.self, at: at + 32))) else {
            return UnsafeRawBufferPointer(rebasing: bytes[0..<0])
        }
        return UnsafeRawBufferPointer(rebasing: bytes[range])
    }

    /// The entry of exactly `key`, by binary search.
    func entry(_ key: UnsafeRawBufferPointer) -> Entry? {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            let order = SearchSegment.compare(prefix(middle), key)
            if order == 0 { return entry(at: middle) }
            if order < 0 { low = middle + 1 } else { high = middle }
        }
        return nil
    }

    private func entry(at index: Int) -> Entry? {
        let at = directory + index * Self.entrySize
        let termCount = Int(bytes.little(UInt32.self, at: at + 36))
        let words = (storyCount + 63) / 64
        guard termCount <= 64,
              let terms = range(at + 8, length: termCount * 4),
              let candidates = range(at + 16, length: Int(bytes.little(UInt32.self, at: at + 40))),
              let union = range(at + 24, length: words * 8) else { return nil }
        return Entry(terms: terms, termCount: termCount, candidates: candidates,
                     candidateCount: Int(bytes.little(UInt32.self, at: at + 44)), union: union,
                     unionCount: Int(bytes.little(UInt32.self, at: at + 48)),
                     bound: Float(bitPattern: bytes.little(UInt32.self, at: at + 52)))
    }

    /// Calls `body` with each candidate's story and its counts (by word position, 0 for
    /// words it lacks). Damaged bytes end the list early; a story number out of order or
    /// range ends it too. False when the list ended early.
    static func forEachCandidate(_ bytes: UnsafeRawBufferPointer, terms: Int, storyCount: Int,
                                 _ body: (Int, UnsafeBufferPointer<UInt32>) -> Void) -> Bool {
        var counts = [UInt32](repeating: 0, count: max(terms, 1))
        var offset = 0
        var story = -1
        func number() -> UInt64? {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while offset < bytes.count, shift < 64 {
                let byte = bytes[offset]
                offset += 1
                value |= UInt64(byte & 0x7F) << shift
                if byte < 0x80 { return value }
                shift += 7
            }
            return nil
        }
        while offset < bytes.count {
            guard let gap = number(), let mask = number() else { return false }
            let (next, overflow) = (story < 0 ? 0 : UInt64(story)).addingReportingOverflow(gap)
            guard !overflow, next < UInt64(storyCount), story < 0 || gap > 0, mask >> UInt64(terms) == 0 else { return false }
            story = Int(next)
            for term in 0..<terms {
                if mask & (1 << UInt64(term)) == 0 {
                    counts[term] = 0
                } else {
                    guard let count = number(), count <= UInt64(UInt32.max) else { return false }
                    counts[term] = UInt32(count)
                }
            }
            counts.withUnsafeBufferPointer { body(story, $0) }
        }
        return true
    }
}

extension Array where Element == UInt8 {
    mutating func appendNumber(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        append(UInt8(value))
    }
}

/// What a search segment's writer stores of common prefixes (see `QuickPrefixes`).
public struct QuickPrefixSettings: Sendable {
    /// Prefixes whose words hold fewer postings than this are ranked the long way:
    /// decoding that many costs well under a millisecond.
    public var leastPostings: Int
    /// Best stories kept a prefix: the reader asks for a thousand rows, and some of
    /// them may be stories its list no longer holds.
    public var candidates: Int
    /// At most this many prefixes, the heaviest first.
    public var most: Int

    public init(leastPostings: Int, candidates: Int, most: Int = 4_096) {
        self.leastPostings = leastPostings
        self.candidates = candidates
        self.most = most
    }

    public static let standard = QuickPrefixSettings(leastPostings: 100_000, candidates: 1_200)
    /// None stored: for the parts of a build, which live only until they are merged.
    public static let none = QuickPrefixSettings(leastPostings: .max, candidates: 0)
}
