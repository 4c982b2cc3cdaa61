import Foundation

/// What ranking needs of every story, held compactly once a library is first searched:
/// its length as BM25 weighs it, and its date (the order among equal scores).
///
/// Read from the story table in one pass through a small buffer, so a query reads these
/// 17 bytes a story from memory instead of touching the table's 56-byte records all over
/// the file: each page touched in a mapping maps the 64 KB around it too, all counted as
/// the program's memory.
struct StoryFacts: Sendable {
    /// Per story, BM25's `k1 · (1 − b + b · words / average words)`.
    let lengths: [Float]
    /// Per story, seconds since 1970, NaN when it has no date.
    let published: [Double]
    /// Per story, where its path begins among the story strings and how long it is, so
    /// a result's path is one read; `UInt32.max` when the offset does not fit (a path
    /// longer than 254 bytes shows as 255): then its story record is read first.
    let pathStarts: [UInt32]
    let pathLengths: [UInt8]

    init(_ segment: SearchSegment, scoring: BM25) {
        typealias L = SearchSegmentLayout
        var lengths = [Float](repeating: 0, count: segment.storyCount)
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
            for index in 0..<count {
                guard records.count == count * L.storySize else {
                    // An unreadable table ranks its stories as of average length, undated.
                    lengths[first + index] = scoring.length(words: nil)
                    continue
                }
                lengths[first + index] = scoring.length(words: records.little(UInt32.self, at: index * L.storySize + 20))
                published[first + index] = Double(bitPattern: records.little(UInt64.self, at: index * L.storySize + 48))
                let start = records.little(UInt64.self, at: index * L.storySize)
                let length = records.little(UInt32.self, at: index * L.storySize + 8)
                if start < UInt64(UInt32.max), length < 255 {
                    pathStarts[first + index] = UInt32(start)
                    pathLengths[first + index] = UInt8(length)
                }
            }
            first += count
        }
        self.lengths = lengths
        self.published = published
        self.pathStarts = pathStarts
        self.pathLengths = pathLengths
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
