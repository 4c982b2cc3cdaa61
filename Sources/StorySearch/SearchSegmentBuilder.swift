import BylineCore

/// Builds a segment from stories in memory: a part of a full index build, or the few
/// stories a fetch just saved.
///
/// Each story's words are counted as it is added and its postings appended, already
/// encoded, to each word's list (`PostingPool`): memory grows with the encoded postings
/// (about 3 bytes per distinct word of each story), so a build writes a part out when
/// `memory` passes its budget and merges the parts afterwards (`SearchSegmentMerger`).
/// Stories added in path order (as a build adds them) are written out as they are; any
/// other order is sorted when written.
public struct SearchSegmentBuilder {
    private var tokenizer = SearchTokenizer()
    private var fields = StoryFileFields()
    private var counter = WordCounter()
    private var stories: [SegmentStory] = []
    /// Whether every story came after the one before in path order.
    private var inPathOrder = true

    public init() {}

    /// A builder that will hold about `bytes` (see `memory`) before it is written out:
    /// its postings' room is set aside at once rather than grown by copying.
    public init(reserving bytes: Int) {
        counter.reserve(bytes)
    }

    public var count: Int { stories.count }
    public var isEmpty: Bool { stories.isEmpty }

    /// Bytes the builder holds, roughly: what a build weighs against its budget.
    public var memory: Int {
        counter.memory + stories.count * 160
    }

    /// Adds one story; paths must be distinct.
    public mutating func add(_ document: SearchDocument, path: String, stamp: FileStamp) {
        for field in document.fields {
            tokenizer.forEachWord(in: field.text) { counter.count($0, weight: field.weight) }
        }
        finishStory(SegmentStory(path: path, title: document.title, source: document.source,
                                 published: document.published?.timeIntervalSince1970 ?? .nan, stamp: stamp, words: 0))
    }

    /// Adds a story file read straight from its bytes, as `SearchDocument(fileBytes:)`
    /// would read it, without a String per word. False (nothing added) for a file that
    /// needs the full parser: see `SearchDocument(fileBytes:)`.
    public mutating func add(fileBytes bytes: UnsafeBufferPointer<UInt8>, path: String, stamp: FileStamp) -> Bool {
        switch fields.read(bytes) {
        case .needsParser:
            return false
        case .unsure:
            guard let document = SearchDocument(fileBytes: Array(bytes)) else { return false }
            add(document, path: path, stamp: stamp)
            return true
        case .read:
            break
        }
        let body = fields.body
        for piece in fields.pieces {
            let weight = piece.weight
            if piece.inBody {
                body.withUnsafeBufferPointer { body in
                    tokenizer.forEachWord(inUTF8: UnsafeBufferPointer(rebasing: body[piece.range])) { counter.count($0, weight: weight) }
                }
            } else {
                tokenizer.forEachWord(inUTF8: UnsafeBufferPointer(rebasing: bytes[piece.range])) { counter.count($0, weight: weight) }
            }
        }
        finishStory(SegmentStory(path: path, title: fields.title, source: fields.source,
                                 published: fields.published?.timeIntervalSince1970 ?? .nan, stamp: stamp, words: 0))
        return true
    }

    private mutating func finishStory(_ story: SegmentStory) {
        var story = story
        story.words = counter.finishStory(Int32(stories.count))
        if let last = stories.last, !last.path.utf8.lexicographicallyPrecedes(story.path.utf8) { inPathOrder = false }
        stories.append(story)
    }

    /// Writes the segment: stories sorted by path, terms bytewise.
    public func write<Sink: SegmentSink>(
        to sink: Sink, generation: UInt64, baseGeneration: UInt64 = 0, deleted: [UInt32] = [],
        quick: QuickPrefixSettings = .standard
    ) throws -> Sink {
        let order = inPathOrder ? Array(stories.indices)
            : stories.indices.sorted { stories[$0].path.utf8.lexicographicallyPrecedes(stories[$1].path.utf8) }
        var rank = [UInt32]()
        if !inPathOrder {
            rank = [UInt32](repeating: 0, count: stories.count)
            for (position, story) in order.enumerated() { rank[story] = UInt32(position) }
        }
        let termOrder = counter.terms.sortedNumbers()

        var writer = try SearchSegmentWriter(sink: sink, quick: quick)
        try writer.writeStories(count: order.count) { stories[order[$0]] }
        var encoded: [UInt8] = []
        for term in termOrder {
            encoded.removeAll(keepingCapacity: true)
            counter.pool.bytes(of: term, into: &encoded)
            if !inPathOrder {
                // Story numbers were given in the order added: renumber by path and re-sort.
                var postings = PostingList.decode(encoded)
                for index in postings.indices { postings[index].story = rank[Int(postings[index].story)] }
                postings.sort { $0.story < $1.story }
                encoded.removeAll(keepingCapacity: true)
                PostingList.encode(postings, into: &encoded)
            }
            try counter.terms.withTerm(term) { word in
                try encoded.withUnsafeBytes { try writer.writeTerm(word, postings: $0, stories: Int(counter.pool.storyCounts[term])) }
            }
        }
        try writer.finish(generation: generation, baseGeneration: baseGeneration, deleted: deleted)
        return writer.sink
    }
}

/// The words of the story being added, counted by term, and the postings of those before.
private struct WordCounter {
    private(set) var terms = TermTable()
    private(set) var pool = PostingPool()
    /// Per term, its weighted count in the story being added (0: not in it yet).
    private var counts: [UInt32] = []
    /// The terms the story being added holds, and its weighted number of words.
    private var touched: [Int32] = []
    private var words: UInt32 = 0

    var memory: Int { pool.memory + terms.memory + counts.count * 4 }

    mutating func reserve(_ bytes: Int) { pool.reserve(bytes) }

    mutating func count(_ word: UnsafeBufferPointer<UInt8>, weight: UInt32) {
        let term = terms.number(of: word)
        if term == pool.termCount {
            pool.addTerm()
            counts.append(0)
        }
        // Weights are at least 1, so a touched term never counts 0.
        if counts[term] == 0 { touched.append(Int32(term)) }
        counts[term] &+= weight
        words &+= weight
    }

    /// Appends the story's postings as story `number`; its weighted number of words.
    mutating func finishStory(_ number: Int32) -> UInt32 {
        for term in touched {
            pool.append(term: Int(term), story: number, count: counts[Int(term)])
            counts[Int(term)] = 0
        }
        touched.removeAll(keepingCapacity: true)
        defer { words = 0 }
        return words
    }
}
