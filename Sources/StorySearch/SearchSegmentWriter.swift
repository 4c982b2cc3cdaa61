import BylineCore

/// Where a segment's bytes go: an array in memory, or a file (see BylineStore's
/// `SegmentFile`). The header is written last, over the zeros reserved for it.
public protocol SegmentSink {
    mutating func write(_ bytes: UnsafeRawBufferPointer) throws
    mutating func writeHeader(_ header: [UInt8]) throws
}

/// A segment held in memory.
public struct SegmentBytes: SegmentSink {
    public var bytes: [UInt8] = []
    public init() {}
    public mutating func write(_ bytes: UnsafeRawBufferPointer) { self.bytes.append(contentsOf: bytes) }
    public mutating func writeHeader(_ header: [UInt8]) {
        bytes.replaceSubrange(0..<header.count, with: header)
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

    public init(sink: Sink) throws {
        self.sink = sink
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
        termBytes = []
        header.setLittleEndian(UInt64(offset), at: L.termOffsetsAt)
        for value in termOffsets { buffer.appendLittleEndian(value) }
        termOffsets = []
        try flush()
        header.setLittleEndian(UInt64(offset), at: L.termTableAt)
        try emit(termTable)
        termTable = []
        header.setLittleEndian(UInt64(offset), at: L.deletedAt)
        for story in deleted { buffer.appendLittleEndian(story) }
        try flush()
        header.setLittleEndian(UInt64(offset), at: L.fileLengthAt)
        let checksum = header.withUnsafeBytes { L.checksum($0) }
        header.setLittleEndian(checksum, at: L.checksumAt)
        try sink.writeHeader(header)
    }

    private mutating func flushIfLarge() throws {
        if buffer.count >= 1 << 16 { try flush() }
    }

    private mutating func flush() throws {
        try emit(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
