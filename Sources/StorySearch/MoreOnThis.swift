import Foundation

extension SearchLibrary {
    /// The words that best say what a story is about: those it uses often that few other
    /// stories use (tf-idf), at most this many.
    public static let similarityWords = 24

    /// The stories most like `document` (the story at `path`, which may be in the library
    /// or not): BM25 of its most telling words, leaving out the story itself and copies
    /// with its headline.
    public func similar(to document: SearchDocument, path: String, limit: Int = 5) -> [SearchHit] {
        guard limit > 0, !segments.isEmpty else { return [] }
        let me = ref(path: path)
        // A story in the library is counted among the holders of its own words; one
        // outside it (`byline similar FILE` of a file not indexed) is not.
        let itself = me == nil ? 0 : 1
        var tokenizer = SearchTokenizer()
        var counts: [String: UInt32] = [:]
        for field in document.fields {
            tokenizer.forEachWord(in: field.text) { counts[String(decoding: $0, as: UTF8.self), default: 0] += field.weight }
        }
        var weighed: [(word: String, holding: [(segment: Int, term: Int)], rarity: Double, weight: Double)] = []
        for (word, count) in counts {
            var word = word
            let found: [(Int, Int)] = word.withUTF8 { key in
                segments.indices.compactMap { segment in segments[segment].termNumber(UnsafeRawBufferPointer(key)).map { (segment, $0) } }
            }
            let holding = found.reduce(0) { $0 + segments[$1.0].storiesHolding($1.1) }
            // A word no other story holds finds nothing, one every story holds tells
            // nothing; between, rarity (tf-idf) picks the telling ones. A word just one
            // other story holds is the best evidence there is.
            guard holding > itself, holding < liveCount else { continue }
            let rarity = scoring.rarity(holding: holding)
            weighed.append((word, found, rarity, (1 + log(Double(count))) * rarity))
        }
        weighed.sort { $0.weight != $1.weight ? $0.weight > $1.weight : $0.word < $1.word }
        let chosen = weighed.prefix(Self.similarityWords)

        let facts = self.facts
        let buffer = ReadBuffer()
        var boards: [ScoreBoard?] = []
        for segment in segments.indices {
            let board = boardsKept.take(segment, stories: segments[segment].storyCount)
            // Any of the words counts: all are added as word 0.
            for word in chosen {
                for (holder, term) in word.holding where holder == segment {
                    board.add(segments[segment].read(segments[segment].postingRange(term), into: buffer), word: 0,
                              weight: BM25.weight(rarity: word.rarity), lengths: facts[segment].lengths)
                }
            }
            board.keepOnly(holding: 1, unless: removed[segment])
            if let me, me.segment == segment { board.drop(me.story) }
            boards.append(board)
        }
        let (hits, _) = top(limit + 8, of: boards, facts: facts)
        boardsKept.give(boards)
        let title = document.title
        return Array(hits.filter { segments[$0.ref.segment].title($0.ref.story) != title }.prefix(limit))
    }
}
