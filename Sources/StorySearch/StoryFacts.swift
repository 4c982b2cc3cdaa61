import Foundation

/// What ranking needs of a segment's stories: each story's length as BM25 weighs it, read
/// at the first query; its date (the order among equal scores) and where its path lies,
/// read for the few stories a query returns, or for all at once when many are asked for.
///
/// Lengths come from the segment's story words, 2 bytes a story read in one go (200 KB
/// at 100,000 stories), not from the 56-byte records of the story table (5.6 MB): a
/// one-shot `byline similar` or `byline search` reads only that and the few records it
/// shows. Dates and paths of many stories (the reader's full ranking, its listing rows)
/// are read from the table in one pass through a small buffer, then kept: each page
/// touched in a mapping maps the 64 KB around it too, all counted as the program's memory.
final class StoryFacts: @unchecked Sendable {
    /// Per story, BM25's `k1 · (1 − b + b · words / average words)`.
    let lengths: [Float]
    private let segment: SearchSegment
    private let lock = NSLock()
    private var read: TableFacts?

    /// Asked for more stories than this at once, the whole table is read (and kept)
    /// rather than a record a story.
    static let fewStories = 512

    /// Dates and path places of every story, from one pass over the story table.
    struct TableFacts {
        /// Per story, seconds since 1970, NaN when it has no date.
        var published: [Double]
        /// Per story, where its path begins among the story strings and how long it is, so
        /// a result's path is one read; `UInt32.max` when the offset does not fit (a path
        /// longer than 254 bytes shows as 255): then its story record is read first.
        var pathStarts: [UInt32]
        var pathLengths: [UInt8]
    }

    init(_ segment: SearchSegment, scoring: BM25) {
        typealias L = SearchSegmentLayout
        self.segment = segment
        let count = segment.storyCount
        // Most stories have a few hundred words: their lengths are worked out once each.
        let known = (0..<Self.commonWords).map { scoring.length(words: UInt32($0)) }
        let buffer = ReadBuffer()
        let record = ReadBuffer(capacity: 16)
        var lengths: [Float] = []
        lengths.reserveCapacity(count)
        // A stretch of the column at a time, through one small buffer.
        let batch = 1 << 15
        while lengths.count < count {
            let first = lengths.count, stretch = min(batch, count - lengths.count)
            let words = segment.read(segment.storyWords + first * 2..<segment.storyWords + (first + stretch) * 2, into: buffer)
            guard words.count == stretch * 2 else {
                // An unreadable column ranks its stories as of average length.
                lengths.append(contentsOf: repeatElement(scoring.length(words: nil), count: stretch))
                continue
            }
            for index in 0..<stretch {
                let stored = words.little(UInt16.self, at: index * 2)
                if Int(stored) < known.count {
                    lengths.append(known[Int(stored)])
                } else if stored != L.wordsUnknown {
                    lengths.append(scoring.length(words: UInt32(stored)))
                } else {
                    // Too many to fit in 2 bytes: the story table says how many.
                    let at = segment.storyTable + (first + index) * L.storySize + 20
                    let field = segment.read(at..<at + 4, into: record)
                    lengths.append(scoring.length(words: field.count == 4 ? field.little(UInt32.self, at: 0) : nil))
                }
            }
        }
        self.lengths = lengths
    }

    /// Word counts below this have their lengths worked out ahead (see `init`).
    static let commonWords = 2_048

    /// The dates of `stories`, seconds since 1970 (NaN when undated): each read from its
    /// record when they are few, else from the whole table, read once and kept.
    func published(_ stories: [Int], buffer: ReadBuffer) -> [Double] {
        if let table = tableIfRead ?? (stories.count > Self.fewStories ? self.table() : nil) {
            return stories.map { $0 < table.published.count ? table.published[$0] : .nan }
        }
        return stories.map { story in
            let at = segment.storyTable + story * SearchSegmentLayout.storySize + 48
            let field = segment.read(at..<at + 8, into: buffer)
            return field.count == 8 ? Double(bitPattern: field.little(UInt64.self, at: 0)) : .nan
        }
    }

    /// The table's facts when already read, else nil.
    var tableIfRead: TableFacts? {
        lock.lock()
        defer { lock.unlock() }
        return read
    }

    /// The table's facts, read at the first call and then kept.
    func table() -> TableFacts {
        lock.lock()
        defer { lock.unlock() }
        if let read { return read }
        let table = Self.readTable(segment)
        read = table
        return table
    }

    /// One pass over the story table through a small buffer.
    private static func readTable(_ segment: SearchSegment) -> TableFacts {
        typealias L = SearchSegmentLayout
        var published = [Double](repeating: .nan, count: segment.storyCount)
        var pathStarts = [UInt32](repeating: .max, count: segment.storyCount)
        var pathLengths = [UInt8](repeating: .max, count: segment.storyCount)
        let buffer = ReadBuffer()
        let batch = 1_024
        var first = 0
        while first < segment.storyCount {
            let count = min(batch, segment.storyCount - first)
            let start = segment.storyTable + first * L.storySize
            let records = segment.read(start..<start + count * L.storySize, into: buffer)
            // An unreadable stretch leaves its stories undated, their paths read one by one.
            if records.count == count * L.storySize {
                for index in 0..<count {
                    published[first + index] = Double(bitPattern: records.little(UInt64.self, at: index * L.storySize + 48))
                    let start = records.little(UInt64.self, at: index * L.storySize)
                    let length = records.little(UInt32.self, at: index * L.storySize + 8)
                    if start < UInt64(UInt32.max), length < 255 {
                        pathStarts[first + index] = UInt32(start)
                        pathLengths[first + index] = UInt8(length)
                    }
                }
            }
            first += count
        }
        return TableFacts(published: published, pathStarts: pathStarts, pathLengths: pathLengths)
    }
}

/// The facts of a library's segments, read when first asked for and then kept: a search
/// thread and a "More on this" thread may ask at once.
final class StoryFactsCache: @unchecked Sendable {
    private let lock = NSLock()
    private var facts: [StoryFacts]?

    func get(_ make: () -> [StoryFacts]) -> [StoryFacts] {
        lock.lock()
        defer { lock.unlock() }
        if let facts { return facts }
        let made = make()
        facts = made
        return made
    }
}
