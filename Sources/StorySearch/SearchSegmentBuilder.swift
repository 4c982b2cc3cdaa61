/// Builds a segment from stories in memory: a batch of a full index build, or the few
/// stories a fetch just saved.
///
/// Memory grows with the batch (about 16 bytes per distinct word of each story), so a
/// large library is indexed in batches that are merged afterwards (`SearchSegmentMerger`).
public struct SearchSegmentBuilder {
    private var tokenizer = SearchTokenizer()
    private var terms = TermTable()
    private var stories: [SegmentStory] = []
    /// Postings in the order stories were added: term number and weighted count.
    private var postingTerms: [UInt32] = []
    private var postingCounts: [UInt32] = []
    private var storyStarts: [Int] = [0]
    /// For each term, the story that last counted it and where that posting is.
    private var lastStory: [Int32] = []
    private var lastPosting: [Int32] = []

    public init() {}

    public var count: Int { stories.count }
    public var isEmpty: Bool { stories.isEmpty }

    /// Adds one story; paths must be distinct.
    public mutating func add(_ document: SearchDocument, path: String, stamp: SearchStamp) {
        let story = Int32(stories.count)
        var words: UInt32 = 0
        for field in document.fields {
            tokenizer.forEachWord(in: field.text) { word in
                let term = terms.number(of: word)
                if term == lastStory.count {
                    lastStory.append(-1)
                    lastPosting.append(0)
                }
                words &+= field.weight
                if lastStory[term] == story {
                    postingCounts[Int(lastPosting[term])] &+= field.weight
                } else {
                    lastStory[term] = story
                    lastPosting[term] = Int32(postingTerms.count)
                    postingTerms.append(UInt32(term))
                    postingCounts.append(field.weight)
                }
            }
        }
        storyStarts.append(postingTerms.count)
        stories.append(SegmentStory(path: path, title: document.title, source: document.source,
                                    published: document.published?.timeIntervalSince1970 ?? .nan,
                                    stamp: stamp, words: words))
    }

    /// Writes the segment: stories sorted by path, terms bytewise.
    public func write<Sink: SegmentSink>(
        to sink: Sink, generation: UInt64, baseGeneration: UInt64 = 0, deleted: [UInt32] = []
    ) throws -> Sink {
        let order = stories.indices.sorted { stories[$0].path.utf8.lexicographicallyPrecedes(stories[$1].path.utf8) }
        // Counting sort of postings by term, visiting stories in path order so each term's
        // stories come out ascending.
        var starts = [Int](repeating: 0, count: terms.count + 1)
        for term in postingTerms { starts[Int(term) + 1] += 1 }
        for index in 0..<terms.count { starts[index + 1] += starts[index] }
        var next = starts
        var byTermStory = [UInt32](repeating: 0, count: postingTerms.count)
        var byTermCount = [UInt32](repeating: 0, count: postingTerms.count)
        for (rank, story) in order.enumerated() {
            for posting in storyStarts[story]..<storyStarts[story + 1] {
                let term = Int(postingTerms[posting])
                byTermStory[next[term]] = UInt32(rank)
                byTermCount[next[term]] = postingCounts[posting]
                next[term] += 1
            }
        }
        let termOrder = (0..<terms.count).sorted { terms.term($0).lexicographicallyPrecedes(terms.term($1)) }

        var writer = try SearchSegmentWriter(sink: sink)
        try writer.writeStories(count: order.count) { stories[order[$0]] }
        var encoded: [UInt8] = []
        for term in termOrder {
            encoded.removeAll(keepingCapacity: true)
            let range = starts[term]..<starts[term + 1]
            PostingList.encode(range.lazy.map { PostingList.Posting(story: byTermStory[$0], count: byTermCount[$0]) }, into: &encoded)
            let word = Array(terms.term(term))
            try word.withUnsafeBytes { word in
                try encoded.withUnsafeBytes { try writer.writeTerm(word, postings: $0, stories: range.count) }
            }
        }
        try writer.finish(generation: generation, baseGeneration: baseGeneration, deleted: deleted)
        return writer.sink
    }
}
