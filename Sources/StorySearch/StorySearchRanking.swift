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
        let buffer = ReadBuffer()
        // With a phrase, candidates are checked in rank order, at most `phraseChecks` of them.
        let wanted = query.phrases.isEmpty ? limit : Self.phraseChecks
        let boards = segments.indices.map {
            matchAll(query.words, in: $0, lengths: facts[$0].lengths, excluded: listed?.excluded[$0] ?? removed[$0],
                     wanted: wanted, buffer: buffer)
        }
        defer { boardsKept.give(boards) }
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

    /// Per word, the term numbers in one segment that stand for it, with their rarity.
    private func expansions(_ word: SearchQuery.Word, in segment: SearchSegment) -> [(term: Int, rarity: Double)] {
        var text = word.text
        return text.withUTF8 { key in
            let key = UnsafeRawBufferPointer(key)
            var terms: [Int]
            if word.isPrefix {
                let range = segment.terms(withPrefix: key)
                terms = Array(range)
                if terms.count > Self.prefixWords {
                    // Commonest first, and in term order among equals, so the cap always keeps the same words.
                    // Each term's count is read once: a short prefix stands for thousands.
                    let held = range.map { (holding: segment.storiesHolding($0), term: $0) }
                        .sorted { $0.holding != $1.holding ? $0.holding > $1.holding : $0.term < $1.term }
                    terms = held.prefix(Self.prefixWords).map(\.term)
                    // Typed whole, the word itself always counts: the cap drops only longer ones.
                    // Terms sort shortest first, so it would begin the range.
                    if segment.term(range.lowerBound).count == key.count, !terms.contains(range.lowerBound) {
                        terms.append(range.lowerBound)
                    }
                }
            } else {
                terms = segment.termNumber(key).map { [$0] } ?? []
            }
            return terms.map { term in
                let holding = segments.count == 1 ? segment.storiesHolding(term) : holding(segment.term(term))
                return (term, scoring.rarity(holding: holding))
            }
        }
    }

    /// The scores of one segment's stories holding every word of `words`, but for those
    /// `excluded`; nil when some word is in none of them. Only the best `wanted` of them
    /// (see `top`) are sure to be scored in full.
    private func matchAll(_ words: [SearchQuery.Word], in number: Int, lengths: [Float], excluded: [Bool],
                          wanted: Int, buffer: ReadBuffer) -> ScoreBoard? {
        let segment = segments[number]
        var groups = words.map { expansions($0, in: segment) }
        guard !groups.contains(where: \.isEmpty) else { return nil }
        // Rarest word first: later words only add to stories that are still candidates.
        groups.sort { a, b in
            a.reduce(0) { $0 + segment.storiesHolding($1.term) } < b.reduce(0) { $0 + segment.storiesHolding($1.term) }
        }
        let board = boardsKept.take(number, stories: segment.storyCount)
        if groups.count == 1 {
            addWord(groups[0], in: segment, to: board, lengths: lengths, excluded: excluded, wanted: wanted, buffer: buffer)
        } else {
            for (group, expansions) in groups.enumerated() {
                for (term, rarity) in expansions {
                    board.add(segment.read(segment.postingRange(term), into: buffer), word: UInt8(group),
                              weight: BM25.weight(rarity: rarity), lengths: lengths)
                }
            }
        }
        board.keepOnly(holding: UInt8(groups.count), unless: excluded)
        return board
    }

    /// How many times at most a query of one word looks at the best scores so far to see
    /// whether the terms still to come can only be counted: each look is a pass over the
    /// stories reached.
    static let prunings = 4

    /// A query of one word (what typing its first letters is): the terms standing for it
    /// are added rarest first, and once the ones left could not lift a story into the
    /// first `wanted` (the most they add, each its weight, is less than the score the
    /// `wanted`-th best story already has), they only count the stories they hold and
    /// score the few that might still change places at the edge of the page. The common
    /// words a short prefix stands for ("the", "to", "that" for "t") hold most stories and
    /// weigh almost nothing: adding them is most of the work, scoring them most of that.
    ///
    /// The page and the count are those of scoring every term in full, in the same order:
    /// a story only counted has a score below that edge whatever those terms would add.
    private func addWord(_ expansions: [(term: Int, rarity: Double)], in segment: SearchSegment, to board: ScoreBoard,
                         lengths: [Float], excluded: [Bool], wanted: Int, buffer: ReadBuffer) {
        // Heaviest first; in term order among equals, so the order (and the sums) never vary.
        let terms = expansions.map { (term: $0.term, weight: BM25.weight(rarity: $0.rarity), holding: segment.storiesHolding($0.term)) }
            .sorted { $0.weight != $1.weight ? $0.weight > $1.weight : $0.term < $1.term }
        // What the terms from each on can add to a story at most (a term adds less than its
        // weight), with room for the rounding of sums of floats.
        var mostAdded = [Double](repeating: 0, count: terms.count + 1)
        var postingsLeft = [Int](repeating: 0, count: terms.count + 1)
        for index in terms.indices.reversed() {
            mostAdded[index] = mostAdded[index + 1] + Double(terms[index].weight) * 1.001 + 1e-6
            postingsLeft[index] = postingsLeft[index + 1] + terms[index].holding
        }
        var looks = 0
        var onlyCounting = false
        for (index, term) in terms.enumerated() {
            let postings = segment.read(segment.postingRange(term.term), into: buffer)
            // A look pays only when it can succeed: the edge is at most what the terms
            // added so far sum to, and only a far smaller sum still to come falls below it.
            if !onlyCounting, index > 0, looks < Self.prunings, postingsLeft[index] > 2 * board.reachedCount,
               mostAdded[index] * 4 < mostAdded[0] - mostAdded[index] {
                looks += 1
                // The `wanted`-th best score so far: the least the page's last story will have.
                if let edge = board.bestScore(wanted, unless: excluded), Double(edge) > mostAdded[index] {
                    board.keepScoring(atLeast: Float(Double(edge) - mostAdded[index]).nextDown)
                    onlyCounting = true
                }
            }
            if onlyCounting {
                board.count(postings, weight: term.weight, lengths: lengths)
            } else {
                board.add(postings, word: 0, weight: term.weight, lengths: lengths)
            }
        }
    }
}
