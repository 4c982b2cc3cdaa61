import BylineCore

/// Where a segment's bytes go: an array in memory, or a file (see BylineStore's
/// `SegmentFile`). The header is written last, over the zeros reserved for it.
public protocol SegmentSink {
    mutating func write(_ bytes: UnsafeRawBufferPointer) throws
    mutating func writeHeader(_ header: [UInt8]) throws
    /// Fills `buffer` with bytes already written at `offset` (the writer reads postings
    /// back to work out quick prefixes); false when they cannot all be read.
    mutating func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws -> Bool
}

/// A segment held in memory.
public struct SegmentBytes: SegmentSink {
    public var bytes: [UInt8] = []
    public init() {}
    public mutating func write(_ bytes: UnsafeRawBufferPointer) { self.bytes.append(contentsOf: bytes) }
    public mutating func writeHeader(_ header: [UInt8]) {
        bytes.replaceSubrange(0..<header.count, with: header)
    }
    public mutating func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) -> Bool {
        guard offset >= 0, offset <= bytes.count, buffer.count <= bytes.count - offset else { return false }
        bytes.withUnsafeBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[offset..<offset + buffer.count])) }
        return true
    }
}

/// What the story table keeps of one story.
public struct SegmentStory: Sendable {
    public var path: String
    public var title: String
    public var source: String
    /// Seconds since 1970, or NaN when the story has no date.
    public var published: Double
    public var stamp: FileStamp
    public var words: UInt32

    public init(path: String, title: String, source: String, published: Double, stamp: FileStamp, words: UInt32) {
        self.path = path
        self.title = title
        self.source = source
        self.published = published
        self.stamp = stamp
        self.words = words
    }
}

/// Writes a segment in one pass: stories first, then terms in ascending byte order with
/// their postings, then `finish`. Only the term dictionary is held in memory; postings go
/// straight to the sink.
public struct SearchSegmentWriter<Sink: SegmentSink> {
    public private(set) var sink: Sink
    private var header = [UInt8](repeating: 0, count: SearchSegmentLayout.headerSize)
    private var offset = 0
    private var postingsStart = 0
    private var termBytes: [UInt8] = []
    private var termOffsets: [UInt32] = [0]
    private var termTable: [UInt8] = []
    private var buffer: [UInt8] = []
    private var totalWords: UInt64 = 0
    private var storyCount = 0
    /// Per story, its weighted number of words; per term, the stories holding it.
    private var storyWords: [UInt32] = []
    private var holdings: [UInt32] = []
    private let quick: QuickPrefixSettings

    public init(sink: Sink, quick: QuickPrefixSettings = .standard) throws {
        self.sink = sink
        self.quick = quick
        try emit(header)
    }

    private mutating func emit(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try sink.write($0) }
        offset += bytes.count
    }

    /// The stories, sorted by path; `strings(i)` gives path, title and source of story i.
    public mutating func writeStories(count: Int, _ story: (Int) -> SegmentStory) throws {
        typealias L = SearchSegmentLayout
        storyCount = count
        header.setLittleEndian(UInt32(count), at: L.storyCountAt)
        header.setLittleEndian(UInt64(offset), at: L.storyTableAt)
        var stringOffset: UInt64 = 0
        for index in 0..<count {
            let story = story(index)
            let lengths = [story.path.utf8.count, story.title.utf8.count, story.source.utf8.count].map { UInt32(clamping: $0) }
            buffer.appendLittleEndian(stringOffset)
            for length in lengths { buffer.appendLittleEndian(length) }
            buffer.appendLittleEndian(story.words)
            buffer.appendLittleEndian(story.stamp.size)
            buffer.appendLittleEndian(story.stamp.modifiedSeconds)
            buffer.appendLittleEndian(story.stamp.modifiedNanoseconds)
            buffer.appendLittleEndian(story.published.bitPattern)
            stringOffset += UInt64(lengths.reduce(0, +))
            totalWords += UInt64(story.words)
            storyWords.append(story.words)
            try flushIfLarge()
        }
        try flush()
        header.setLittleEndian(UInt64(offset), at: L.storyWordsAt)
        for words in storyWords {
            buffer.appendLittleEndian(words < UInt32(L.wordsUnknown) ? UInt16(words) : L.wordsUnknown)
            try flushIfLarge()
        }
        try flush()
        header.setLittleEndian(UInt64(offset), at: L.storyStringsAt)
        header.setLittleEndian(stringOffset, at: L.storyStringsLengthAt)
        for index in 0..<count {
            let story = story(index)
            buffer.append(contentsOf: story.path.utf8)
            buffer.append(contentsOf: story.title.utf8)
            buffer.append(contentsOf: story.source.utf8)
            try flushIfLarge()
        }
        try flush()
        postingsStart = offset
    }

    /// One term (greater than the one before) and its encoded postings.
    public mutating func writeTerm(_ term: UnsafeRawBufferPointer, postings: UnsafeRawBufferPointer, stories: Int) throws {
        termBytes.append(contentsOf: term)
        termOffsets.append(UInt32(termBytes.count))
        termTable.appendLittleEndian(UInt64(offset - postingsStart))
        termTable.appendLittleEndian(UInt32(postings.count))
        termTable.appendLittleEndian(UInt32(stories))
        holdings.append(UInt32(clamping: stories))
        try sink.write(postings)
        offset += postings.count
    }

    /// Writes the dictionary, the deleted list and the header.
    public mutating func finish(generation: UInt64, baseGeneration: UInt64 = 0, deleted: [UInt32] = []) throws {
        typealias L = SearchSegmentLayout
        header.replaceSubrange(0..<8, with: L.magic)
        header.setLittleEndian(L.version, at: L.versionAt)
        header.setLittleEndian(UInt32(termOffsets.count - 1), at: L.termCountAt)
        header.setLittleEndian(UInt32(deleted.count), at: L.deletedCountAt)
        header.setLittleEndian(totalWords, at: L.totalWordsAt)
        header.setLittleEndian(generation, at: L.generationAt)
        header.setLittleEndian(baseGeneration, at: L.baseGenerationAt)
        header.setLittleEndian(UInt64(postingsStart), at: L.postingsAt)
        header.setLittleEndian(UInt64(offset - postingsStart), at: L.postingsLengthAt)
        header.setLittleEndian(UInt64(offset), at: L.termBytesAt)
        header.setLittleEndian(UInt64(termBytes.count), at: L.termBytesLengthAt)
        try emit(termBytes)
        header.setLittleEndian(UInt64(offset), at: L.termOffsetsAt)
        for value in termOffsets { buffer.appendLittleEndian(value) }
        try flush()
        header.setLittleEndian(UInt64(offset), at: L.termTableAt)
        try emit(termTable)
        header.setLittleEndian(UInt64(offset), at: L.deletedAt)
        for story in deleted { buffer.appendLittleEndian(story) }
        try flush()
        try writeQuickPrefixes()
        header.setLittleEndian(UInt64(offset), at: L.fileLengthAt)
        let checksum = header.withUnsafeBytes { L.checksum($0) }
        header.setLittleEndian(checksum, at: L.checksumAt)
        try sink.writeHeader(header)
    }

    /// Where a list of words' stored stories were written, and what the directory says of them.
    private struct Written {
        var terms, candidates, union: Int
        var candidatesLength, candidateCount, unionCount: Int
        var bound: Float
    }

    /// The quick prefixes section (see `QuickPrefixes`), after the deleted list.
    private mutating func writeQuickPrefixes() throws {
        let (termBytes, termOffsets, termTable) = (self.termBytes, self.termOffsets, self.termTable)
        defer { (self.termBytes, self.termOffsets, self.termTable, storyWords, holdings) = ([], [], [], [], []) }
        let holdings = self.holdings
        let writer = QuickPrefixesWriter(settings: quick, storyWords: storyWords, totalWords: totalWords, termCount: holdings.count,
                                         holding: { Int(holdings[$0]) })
        let chosen = termBytes.withUnsafeBytes { termBytes in
            writer.chosen { UnsafeRawBufferPointer(rebasing: termBytes[Int(termOffsets[$0])..<Int(termOffsets[$0 + 1])]) }
        }
        // Even with no prefix heavy enough, the (empty) section says the segment was written
        // knowing them, unlike one written before they existed (see `SearchSegment.storesQuickPrefixes`).
        guard quick.leastPostings < .max else { return }
        var scores = [Float](repeating: 0, count: storyCount)
        var slots = [Int32](repeating: -1, count: storyCount)
        // One buffer the postings are read back into, as large as the longest list read.
        let read = ReadBuffer()
        // Prefixes standing for the same words share what is stored for them.
        var written: [[Int]: Written] = [:]
        var directory: [UInt8] = []
        var entries: [(prefix: Int, length: Int, terms: [Int])] = []
        for prefix in chosen {
            if written[prefix.terms] == nil {
                let stored = try writer.store(prefix.terms, postings: { term throws -> UnsafeRawBufferPointer in
                    let entry = term * SearchSegmentLayout.termSize
                    let start = termTable.withUnsafeBytes { $0.little(UInt64.self, at: entry) }
                    let length = termTable.withUnsafeBytes { $0.little(UInt32.self, at: entry + 8) }
                    let target = read.bytes(Int(length))
                    return try sink.read(at: postingsStart + Int(start), into: target)
                        ? UnsafeRawBufferPointer(target) : UnsafeRawBufferPointer(rebasing: target[0..<0])
                }, scores: &scores, slots: &slots)
                let termsAt = offset
                for term in prefix.terms { buffer.appendLittleEndian(UInt32(term)) }
                try flush()
                let candidatesAt = offset
                try emit(stored.candidates)
                let unionAt = offset
                for word in stored.union { buffer.appendLittleEndian(word) }
                try flush()
                written[prefix.terms] = Written(terms: termsAt, candidates: candidatesAt, union: unionAt,
                                                candidatesLength: stored.candidates.count, candidateCount: stored.candidateCount,
                                                unionCount: stored.unionCount, bound: stored.bound)
            }
        }
        // The prefixes together, just before the directory: a lookup's binary search reads
        // them in place, and touches only the file's last pages.
        for prefix in chosen {
            entries.append((offset, prefix.prefix.count, prefix.terms))
            try emit(prefix.prefix)
        }
        let directoryAt = offset
        for entry in entries {
            guard let stored = written[entry.terms] else { continue }
            directory.appendLittleEndian(UInt64(entry.prefix))
            directory.appendLittleEndian(UInt64(stored.terms))
            directory.appendLittleEndian(UInt64(stored.candidates))
            directory.appendLittleEndian(UInt64(stored.union))
            directory.appendLittleEndian(UInt32(entry.length))
            directory.appendLittleEndian(UInt32(entry.terms.count))
            directory.appendLittleEndian(UInt32(stored.candidatesLength))
            directory.appendLittleEndian(UInt32(stored.candidateCount))
            directory.appendLittleEndian(UInt32(stored.unionCount))
            directory.appendLittleEndian(stored.bound.bitPattern)
        }
        directory.appendLittleEndian(UInt64(directoryAt))
        directory.appendLittleEndian(UInt32(entries.count))
        directory.appendLittleEndian(QuickPrefixes.version)
        directory.append(contentsOf: QuickPrefixes.magic)
        try emit(directory)
    }

    private mutating func flushIfLarge() throws {
        if buffer.count >= 1 << 16 { try flush() }
    }

    private mutating func flush() throws {
        try emit(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
