import Foundation

/// One story found, with its score.
public struct SearchHit: Equatable, Sendable {
    public var ref: SearchLibrary.StoryRef
    public var score: Double
}

/// A ranked page of results.
public struct SearchResults: Equatable, Sendable {
    public var hits: [SearchHit]
    /// Stories that hold every word. With a phrase, only some are checked for it, so this
    /// counts the ones checked and found plus those not checked (`isEstimate`).
    public var total: Int
    public var isEstimate: Bool

    public init(hits: [SearchHit] = [], total: Int = 0, isEstimate: Bool = false) {
        self.hits = hits
        self.total = total
        self.isEstimate = isEstimate
    }
}

extension SearchLibrary {
    /// A prefix stands for at most this many words: the ones most stories hold (and the
    /// prefix itself when it is a word, however rare).
    public static let prefixWords = 32
    /// With a phrase, at most this many stories are read to check it.
    public static let phraseChecks = 2_000

    /// The stories holding every word of `query`, best first.
    ///
    /// - Parameter holdsPhrases: reads a candidate story and says whether it holds the
    ///   query's phrases; called in rank order until `limit` stories pass or
    ///   `phraseChecks` have been read. Phrases are checked by reading the story rather
    ///   than from word positions in the index, which would double its size for a rare
    ///   kind of query.
    /// - Parameter listed: when given, only the stories it places in the reader's list
    ///   are found and counted (see `ListingRows`).
    public func search(_ query: SearchQuery, limit: Int, listed: ListingRows? = nil,
                       holdsPhrases: (StoryRef) -> Bool = { _ in true }) -> SearchResults {
        guard !query.isEmpty, limit > 0, !segments.isEmpty else { return SearchResults() }
        let facts = self.facts
        let buffer = bufferKept.take()
        defer { bufferKept.give(buffer) }
        if let quick = quickSearch(query, limit: limit, listed: listed, facts: facts, buffer: buffer) { return quick }
        if let several = quickSearchOfSeveralWords(query, limit: limit, listed: listed, facts: facts, buffer: buffer) {
            return several.results
        }
        let boards = segments.indices.map {
            matchAll(query.words, in: $0, lengths: facts[$0].lengths, excluded: listed?.excluded[$0] ?? removed[$0], buffer: buffer)
        }
        defer { boardsKept.give(boards) }
        // With a phrase, candidates are checked in rank order, at most `phraseChecks` of them.
        let wanted = query.phrases.isEmpty ? limit : Self.phraseChecks
        let (ranked, total) = top(wanted, of: boards, facts: facts)
        guard !query.phrases.isEmpty else { return SearchResults(hits: ranked, total: total) }
        var hits: [SearchHit] = []
        var checked = 0
        for hit in ranked {
            if hits.count == limit { break }
            checked += 1
            if holdsPhrases(hit.ref) { hits.append(hit) }
        }
        let unchecked = total - checked
        return SearchResults(hits: hits, total: hits.count + unchecked, isEstimate: unchecked > 0)
    }

    /// The term numbers in one segment that stand for `word`, with their rarity. A prefix
    /// the segment stored (see `QuickPrefixes`) takes its stored words, which are the ones
    /// worked out here, in the same order, without going through every word it begins.
    private func expansions(_ word: SearchQuery.Word, in segment: SearchSegment, buffer: ReadBuffer) -> [(term: Int, rarity: Double)] {
        var text = word.text
        return text.withUTF8 { key in
            let key = UnsafeRawBufferPointer(key)
            let terms: [Int]
            if word.isPrefix {
                if let stored = segment.quick?.entry(key).flatMap({ storedTerms($0, in: segment, buffer: buffer) }) {
                    terms = stored
                } else {
                    let range = segment.terms(withPrefix: key)
                    terms = PrefixExpansion.terms(range, firstIsPrefix: !range.isEmpty && segment.term(range.lowerBound).count == key.count,
                                                  holding: segment.storiesHolding)
                }
            } else {
                terms = segment.termNumber(key).map { [$0] } ?? []
            }
            return terms.map { ($0, rarity(of: $0, in: segment)) }
        }
    }

    /// The words a segment stored for a prefix, in the order a query adds them; nil when
    /// the stored bytes do not hang together.
    func storedTerms(_ entry: QuickPrefixes.Entry, in segment: SearchSegment, buffer: ReadBuffer) -> [Int]? {
        let bytes = segment.read(entry.terms, into: buffer)
        guard entry.termCount > 0, bytes.count == entry.termCount * 4 else { return nil }
        let terms = (0..<entry.termCount).map { Int(bytes.little(UInt32.self, at: $0 * 4)) }
        return terms.allSatisfy({ $0 < segment.termCount }) ? terms : nil
    }

    /// The rarity a query weighs term number `term` of `segment` by: from the stories
    /// holding it in every segment.
    func rarity(of term: Int, in segment: SearchSegment) -> Double {
        scoring.rarity(holding: segments.count == 1 ? segment.storiesHolding(term) : holding(segment.term(term)))
    }

    /// A word of a query as one segment holds it: which word, and the terms standing for it.
    typealias WordTerms = (word: Int, terms: [(term: Int, rarity: Double)])

    /// The words of `words` in the order a query adds them to a segment: rarest first, so
    /// later words only add to stories that are still candidates. Nil when some word is in
    /// none of the segment's stories.
    func orderedWords(_ words: [SearchQuery.Word], in segment: SearchSegment, buffer: ReadBuffer) -> [WordTerms]? {
        var groups: [WordTerms] = words.indices.map { ($0, expansions(words[$0], in: segment, buffer: buffer)) }
        guard !groups.contains(where: \.terms.isEmpty) else { return nil }
        groups.sort { a, b in
            a.terms.reduce(0) { $0 + segment.storiesHolding($1.term) } < b.terms.reduce(0) { $0 + segment.storiesHolding($1.term) }
        }
        return groups
    }

    /// Adds the postings of `terms` to `board` as word number `word` of a query.
    func add(_ terms: [(term: Int, rarity: Double)], as word: Int, to board: ScoreBoard, in segment: SearchSegment, lengths: [Float],
             buffer: ReadBuffer) {
        for (term, rarity) in terms {
            board.add(segment.read(segment.postingRange(term), into: buffer), word: UInt8(word), weight: BM25.weight(rarity: rarity),
                      lengths: lengths)
        }
    }

    /// The scores of one segment's stories holding every word of `words`, but for those
    /// `excluded`; nil when some word is in none of them.
    func matchAll(_ words: [SearchQuery.Word], in number: Int, lengths: [Float], excluded: [Bool],
                          buffer: ReadBuffer) -> ScoreBoard? {
        let segment = segments[number]
        guard let groups = orderedWords(words, in: segment, buffer: buffer) else { return nil }
        let board = boardsKept.take(number, stories: segment.storyCount)
        for (position, group) in groups.enumerated() {
            add(group.terms, as: position, to: board, in: segment, lengths: lengths, buffer: buffer)
        }
        board.keepOnly(holding: UInt8(groups.count), unless: excluded)
        return board
    }
}
