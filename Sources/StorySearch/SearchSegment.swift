import BylineCore
import Foundation

/// A search segment read in place: a view over its bytes (an mapped file or an array),
/// decoding only what a query touches.
///
/// Opening checks the header and that every section lies inside the bytes; after that
/// every read is bounds-checked, so damaged bytes give wrong or missing results, never a
/// crash. The bytes must outlive the segment (its owner keeps them).
public struct SearchSegment: @unchecked Sendable {
    public struct Damage: Error, Equatable, CustomStringConvertible {
        public let reason: String
        public var description: String { reason }
    }

    /// One story of the segment, decoded.
    public struct Story: Equatable, Sendable {
        public var path: String
        public var title: String
        public var source: String?
        public var published: Date?
        public var stamp: FileStamp
        /// Words indexed, weighted as `SearchDocument` weighs its fields.
        public var words: UInt32
    }

    let bytes: UnsafeRawBufferPointer
    /// Where queries copy postings and stories from instead of touching `bytes` (see
    /// `SegmentReader`); nil for a segment held in an array.
    let reader: (any SegmentReader)?
    public let storyCount: Int
    public let termCount: Int
    public let totalWords: UInt64
    /// A random number naming this segment, so a recent segment can name its base.
    public let generation: UInt64
    /// For a recent segment, the generation of the base segment it amends; 0 for a base.
    public let baseGeneration: UInt64
    let storyTable: Int
    /// Where each story's word count lies, 2 bytes a story (see `SearchSegmentLayout`).
    let storyWords: Int
    private let strings: Range<Int>
    private let postings: Range<Int>
    private let termBytes: Range<Int>
    private let termOffsets: Int
    private let termTable: Int
    private let deletedAt: Int
    private let deletedCount: Int
    /// Common prefixes' best stories, when the segment was written with them.
    let quick: QuickPrefixes?

    /// Whether the segment was written with its common prefixes' best stories (perhaps
    /// none, in a small one); false for one written before they existed.
    public var storesQuickPrefixes: Bool { quick != nil }

    /// - Parameter reader: reads the same bytes from elsewhere (the file they are mapped
    ///   from), for the long reads of a query.
    public init(_ bytes: UnsafeRawBufferPointer, reader: (any SegmentReader)? = nil) throws(Damage) {
        typealias L = SearchSegmentLayout
        guard bytes.count >= L.headerSize, bytes.prefix(8).elementsEqual(L.magic) else {
            throw Damage(reason: "not a Byline search index")
        }
        guard bytes.little(UInt32.self, at: L.versionAt) == L.version else {
            throw Damage(reason: "search index version \(bytes.little(UInt32.self, at: L.versionAt)), expected \(L.version)")
        }
        guard bytes.little(UInt64.self, at: L.checksumAt) == L.checksum(bytes) else {
            throw Damage(reason: "the search index header's checksum does not match")
        }
        guard bytes.little(UInt64.self, at: L.fileLengthAt) == UInt64(bytes.count) else {
            throw Damage(reason: "the search index is \(bytes.count) bytes, its header says \(bytes.little(UInt64.self, at: L.fileLengthAt))")
        }
        self.bytes = bytes
        self.reader = reader
        storyCount = Int(bytes.little(UInt32.self, at: L.storyCountAt))
        termCount = Int(bytes.little(UInt32.self, at: L.termCountAt))
        deletedCount = Int(bytes.little(UInt32.self, at: L.deletedCountAt))
        totalWords = bytes.little(UInt64.self, at: L.totalWordsAt)
        generation = bytes.little(UInt64.self, at: L.generationAt)
        baseGeneration = bytes.little(UInt64.self, at: L.baseGenerationAt)

        func section(_ at: Int, length: Int) throws(Damage) -> Range<Int> {
            let start = bytes.little(UInt64.self, at: at)
            guard start >= UInt64(L.headerSize), start <= UInt64(bytes.count),
                  length >= 0, UInt64(length) <= UInt64(bytes.count) - start else {
                throw Damage(reason: "a section of the search index lies outside the file")
            }
            return Int(start)..<Int(start) + length
        }
        func length(_ at: Int) -> Int { Int(clamping: bytes.little(UInt64.self, at: at)) }
        storyTable = try section(L.storyTableAt, length: storyCount * L.storySize).lowerBound
        storyWords = try section(L.storyWordsAt, length: storyCount * 2).lowerBound
        strings = try section(L.storyStringsAt, length: length(L.storyStringsLengthAt))
        postings = try section(L.postingsAt, length: length(L.postingsLengthAt))
        termBytes = try section(L.termBytesAt, length: length(L.termBytesLengthAt))
        termOffsets = try section(L.termOffsetsAt, length: (termCount + 1) * 4).lowerBound
        termTable = try section(L.termTableAt, length: termCount * L.termSize).lowerBound
        deletedAt = try section(L.deletedAt, length: deletedCount * 4).lowerBound
        quick = QuickPrefixes(bytes, after: deletedAt + deletedCount * 4, storyCount: storyCount)
    }

    // MARK: - Stories

    private func storyField<T: FixedWidthInteger>(_ story: Int, _ offset: Int, _ type: T.Type) -> T {
        bytes.little(T.self, at: storyTable + story * SearchSegmentLayout.storySize + offset)
    }

    /// A slice of the story strings, empty when the table points outside them.
    private func string(_ story: Int, skip: Int, length: Int) -> UnsafeRawBufferPointer {
        let start = UInt64(strings.lowerBound) &+ storyField(story, 0, UInt64.self) &+ UInt64(skip)
        guard start >= UInt64(strings.lowerBound), start <= UInt64(strings.upperBound),
              UInt64(length) <= UInt64(strings.upperBound) - start else { return UnsafeRawBufferPointer(rebasing: bytes[0..<0]) }
        return UnsafeRawBufferPointer(rebasing: bytes[Int(start)..<Int(start) + length])
    }

    /// The story's path inside the library, as bytes.
    public func pathBytes(_ story: Int) -> UnsafeRawBufferPointer {
        string(story, skip: 0, length: Int(storyField(story, 8, UInt32.self)))
    }

    public func path(_ story: Int) -> String { String(decoding: pathBytes(story), as: UTF8.self) }

    public func words(_ story: Int) -> UInt32 { storyField(story, 20, UInt32.self) }

    public func published(_ story: Int) -> Double {
        Double(bitPattern: storyField(story, 48, UInt64.self))
    }

    public func stamp(_ story: Int) -> FileStamp {
        FileStamp(size: storyField(story, 24, Int64.self), modifiedSeconds: storyField(story, 32, Int64.self),
                  modifiedNanoseconds: storyField(story, 40, Int64.self))
    }

    /// The story's headline, without decoding the rest of it.
    public func title(_ story: Int) -> String {
        String(decoding: string(story, skip: Int(storyField(story, 8, UInt32.self)), length: Int(storyField(story, 12, UInt32.self))),
               as: UTF8.self)
    }

    public func story(_ story: Int) -> Story {
        let pathLength = Int(storyField(story, 8, UInt32.self))
        let titleLength = Int(storyField(story, 12, UInt32.self))
        let sourceLength = Int(storyField(story, 16, UInt32.self))
        let title = String(decoding: string(story, skip: pathLength, length: titleLength), as: UTF8.self)
        let source = String(decoding: string(story, skip: pathLength + titleLength, length: sourceLength), as: UTF8.self)
        let date = published(story)
        return Story(path: path(story), title: title, source: source.isEmpty ? nil : source,
                     published: date.isFinite ? Date(timeIntervalSince1970: date) : nil,
                     stamp: stamp(story), words: words(story))
    }

    /// The story number of a path, by binary search of the sorted story table.
    public func storyNumber(path: String) -> Int? {
        var path = path
        return path.withUTF8 { key in
            var low = 0
            var high = storyCount
            while low < high {
                let middle = (low + high) / 2
                let order = Self.compare(pathBytes(middle), UnsafeRawBufferPointer(key))
                if order == 0 { return middle }
                if order < 0 { low = middle + 1 } else { high = middle }
            }
            return nil
        }
    }

    /// Story numbers of the base segment that this (recent) segment replaces or removes.
    public var deleted: [UInt32] {
        (0..<deletedCount).map { bytes.little(UInt32.self, at: deletedAt + $0 * 4) }
    }

    // MARK: - Terms

    private func termOffset(_ index: Int) -> Int {
        Int(bytes.little(UInt32.self, at: termOffsets + index * 4))
    }

    /// The bytes of term number `index`.
    public func term(_ index: Int) -> UnsafeRawBufferPointer {
        let start = termOffset(index)
        let end = termOffset(index + 1)
        guard start <= end, end <= termBytes.count else { return UnsafeRawBufferPointer(rebasing: bytes[0..<0]) }
        return UnsafeRawBufferPointer(rebasing: bytes[termBytes.lowerBound + start..<termBytes.lowerBound + end])
    }

    /// How many stories hold term number `index`.
    public func storiesHolding(_ index: Int) -> Int {
        Int(bytes.little(UInt32.self, at: termTable + index * SearchSegmentLayout.termSize + 12))
    }

    /// The raw postings of term number `index`.
    public func postingBytes(_ index: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: bytes[postingRange(index)])
    }

    /// Where the postings of term number `index` lie in the segment's bytes; empty when
    /// the term table points outside them.
    func postingRange(_ index: Int) -> Range<Int> {
        let entry = termTable + index * SearchSegmentLayout.termSize
        let start = bytes.little(UInt64.self, at: entry)
        let length = UInt64(bytes.little(UInt32.self, at: entry + 8))
        guard start <= UInt64(postings.count), length <= UInt64(postings.count) - start else { return 0..<0 }
        return postings.lowerBound + Int(start)..<postings.lowerBound + Int(start) + Int(length)
    }

    /// The path of `story`, read through `buffer` (see `read(_:into:)`): for the few
    /// stories a query returns, without touching the story table's pages. `table` (see
    /// `StoryFacts`), when read, says where it lies; else its record is read first.
    func path(_ story: Int, table: StoryFacts.TableFacts?, readingInto buffer: ReadBuffer) -> String {
        if let table, story < table.pathStarts.count {
            let knownLength = table.pathLengths[story], known = table.pathStarts[story]
            if known != .max, knownLength != .max, UInt64(known) + UInt64(knownLength) <= UInt64(strings.count) {
                let start = strings.lowerBound + Int(known)
                return String(decoding: read(start..<start + Int(knownLength), into: buffer), as: UTF8.self)
            }
        }
        let record = read(storyTable + story * SearchSegmentLayout.storySize..<storyTable + story * SearchSegmentLayout.storySize + 12,
                          into: buffer)
        guard record.count == 12 else { return "" }
        let start = UInt64(strings.lowerBound) &+ record.little(UInt64.self, at: 0)
        let length = UInt64(record.little(UInt32.self, at: 8))
        guard start >= UInt64(strings.lowerBound), start <= UInt64(strings.upperBound),
              length <= UInt64(strings.upperBound) - start else { return "" }
        return String(decoding: read(Int(start)..<Int(start + length), into: buffer), as: UTF8.self)
    }

    /// Every story's path, in story order, read through `buffer` a stretch of the story
    /// strings at a time (each story's strings follow the one before), for a pass over the
    /// whole segment: one read per stretch rather than one per story. The bytes are valid
    /// only during the call of `body`.
    func forEachPath(facts: StoryFacts, buffer: ReadBuffer, _ body: (Int, UnsafeRawBufferPointer) -> Void) {
        let table = facts.table()
        let stretch = 1 << 16
        var loaded = 0..<0
        var bytes = UnsafeRawBufferPointer(rebasing: self.bytes[0..<0])
        let single = ReadBuffer(capacity: 256)
        for story in 0..<storyCount {
            let start = Int(table.pathStarts[story]), length = Int(table.pathLengths[story])
            guard table.pathStarts[story] != .max, table.pathLengths[story] != .max, start + length <= strings.count else {
                // A long path, or a record pointing outside the strings: read on its own.
                var path = self.path(story, table: table, readingInto: single)
                path.withUTF8 { body(story, UnsafeRawBufferPointer($0)) }
                continue
            }
            if start < loaded.lowerBound || start + length > loaded.upperBound {
                let end = min(strings.count, start + max(stretch, length))
                bytes = read(strings.lowerBound + start..<strings.lowerBound + end, into: buffer)
                loaded = start..<start + bytes.count
            }
            guard start + length <= loaded.upperBound else {
                body(story, UnsafeRawBufferPointer(rebasing: self.bytes[0..<0]))
                continue
            }
            body(story, UnsafeRawBufferPointer(rebasing: bytes[(start - loaded.lowerBound)..<(start - loaded.lowerBound + length)]))
        }
    }

    public func postings(_ index: Int) -> PostingList.Reader {
        PostingList.Reader(postingBytes(index), storyCount: UInt32(storyCount))
    }

    /// The number of a term, by binary search.
    public func termNumber(_ term: UnsafeRawBufferPointer) -> Int? {
        let index = lowerBound(term)
        return index < termCount && Self.compare(self.term(index), term) == 0 ? index : nil
    }

    public func termNumber(_ term: String) -> Int? {
        var term = term
        return term.withUTF8 { termNumber(UnsafeRawBufferPointer($0)) }
    }

    /// The terms that begin with `prefix`: a range of term numbers.
    public func terms(withPrefix prefix: UnsafeRawBufferPointer) -> Range<Int> {
        let start = lowerBound(prefix)
        var low = start
        var high = termCount
        while low < high {
            let middle = (low + high) / 2
            let candidate = term(middle)
            if candidate.count >= prefix.count && Self.compare(UnsafeRawBufferPointer(rebasing: candidate.prefix(prefix.count)), prefix) == 0
                || Self.compare(candidate, prefix) < 0 {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return start..<max(start, low)
    }

    private func lowerBound(_ key: UnsafeRawBufferPointer) -> Int {
        var low = 0
        var high = termCount
        while low < high {
            let middle = (low + high) / 2
            if Self.compare(term(middle), key) < 0 { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Bytewise order, shorter first on a tie: the order terms and paths are written in.
    static func compare(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
        let common = min(a.count, b.count)
        if common > 0, let x = a.baseAddress, let y = b.baseAddress {
            let order = memcmp(x, y, common)
            if order != 0 { return Int(order) }
        }
        return a.count - b.count
    }
}
