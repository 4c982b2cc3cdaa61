/// Ranking a query of one prefix from the best stories its segments stored for it (see
/// `QuickPrefixes`), exactly as decoding every posting of its words would.
///
/// The stored stories are scored from their stored counts, with the library's statistics
/// of the moment, in the order a query adds the words, so each gets the very score the
/// long way gives it. Every other story holding the words scored at most `bound` with the
/// segment's own statistics; `highestOther` says how high that lets it score now. When
/// the page ranked from stored stories is full and its last score is above that, no other
/// story can be on it, and the page is the one the long way gives; else the query is
/// ranked the long way. The count of matches is the stored bitmap's, less the stories the
/// search leaves out.
extension SearchLibrary {
    func quickSearch(_ query: SearchQuery, limit: Int, listed: ListingRows?, facts: [StoryFacts],
                     buffer: ReadBuffer) -> SearchResults? {
        guard query.words.count == 1, query.phrases.isEmpty, let word = query.words.first, word.isPrefix else { return nil }
        var text = word.text
        let entries = text.withUTF8 { key in segments.map { $0.quick?.entry(UnsafeRawBufferPointer(key)) } }
        guard entries.contains(where: { $0 != nil }) else { return nil }
        var boards: [ScoreBoard?] = []
        defer { boardsKept.give(boards) }
        var total = 0
        // The most any story left out of a stored list may score now; nil while none is.
        var highest: Float?
        for (number, segment) in segments.enumerated() {
            let excluded = listed?.excluded[number] ?? removed[number]
            guard let entry = entries[number] else {
                let board = matchAll(query.words, in: number, lengths: facts[number].lengths, excluded: excluded, buffer: buffer)
                boards.append(board)
                total += board?.running.count ?? 0
                continue
            }
            let board = boardsKept.take(number, stories: segment.storyCount)
            boards.append(board)
            guard let found = rank(entry, in: number, on: board, lengths: facts[number].lengths, excluded: excluded,
                                   excludedStories: listed?.excludedStories[number] ?? removedStories[number], buffer: buffer)
            else { return nil }
            total += found.total
            if let other = found.highestOther { highest = max(highest ?? other, other) }
        }
        let (hits, _) = top(limit, of: boards, facts: facts)
        if let highest {
            guard hits.count == limit, let last = hits.last, Float(last.score) > highest else { return nil }
        }
        return SearchResults(hits: hits, total: total)
    }

    /// Puts a segment's stored stories for a prefix on `board`, scored; how many stories
    /// match in the segment and, when some were not stored, the most they may score. Nil
    /// when the stored bytes do not hang together or the scores cannot be bounded.
    private func rank(_ entry: QuickPrefixes.Entry, in number: Int, on board: ScoreBoard, lengths: [Float], excluded: [Bool],
                      excludedStories: [UInt32], buffer: ReadBuffer) -> (total: Int, highestOther: Float?)? {
        let segment = segments[number]
        guard lengths.count == segment.storyCount, excluded.count == segment.storyCount else { return nil }
        guard let terms = storedTerms(entry, in: segment, buffer: buffer) else { return nil }
        let weights = terms.map { BM25.weight(rarity: rarity(of: $0, in: segment)) }

        let union = segment.read(entry.union, into: buffer)
        guard union.count == (segment.storyCount + 63) / 64 * 8 else { return nil }
        var matching = 0
        for word in 0..<union.count / 8 { matching += union.little(UInt64.self, at: word * 8).nonzeroBitCount }
        var total = matching
        for story in excludedStories where Int(story) < segment.storyCount {
            if union.little(UInt64.self, at: Int(story) / 64 * 8) & (1 << UInt64(story % 64)) != 0 { total -= 1 }
        }

        // With every matching story stored, none is left out to bound.
        var highestOther: Float?
        if entry.candidateCount < matching {
            let own = BM25(stories: segment.storyCount, totalWords: segment.totalWords)
            let ownWeights = terms.map { BM25.weight(rarity: own.rarity(holding: segment.storiesHolding($0))) }
            guard let other = Self.highestOther(storedBound: entry.bound, weights: weights, ownWeights: ownWeights,
                                                lengthRatio: scoring.averageWords / own.averageWords) else { return nil }
            highestOther = other
        }

        let candidates = segment.read(entry.candidates, into: buffer)
        guard candidates.count == entry.candidates.count else { return nil }
        var stored = 0
        let whole = QuickPrefixes.forEachCandidate(candidates, terms: terms.count, storyCount: segment.storyCount) { story, counts in
            // As `ScoreBoard.add` adds them: word by word, in order, from 0.
            var score: Float = 0
            for position in counts.indices where counts[position] > 0 {
                score += BM25.score(weight: weights[position], count: counts[position], length: lengths[story])
            }
            board.set(story, score: score)
            stored += 1
        }
        guard whole, stored == entry.candidateCount else { return nil }
        board.keepOnly(holding: 1, unless: excluded)
        return (total, highestOther)
    }

    /// The most a story not stored may score now, from `storedBound`, the most it scored
    /// with the segment's own statistics (`ownWeights`, its own average length).
    ///
    /// A story's score is Σ weight · f over the words, with each f = count / (count +
    /// length) below 1. With its own statistics the story's Σ ownWeight · f was at most the
    /// stored bound; the most Σ weight · f can then be is found by giving f to the words
    /// that gain most now for what they cost then, in turn (a fractional knapsack). A
    /// larger average length now shortens every story as BM25 weighs it, raising each f by
    /// at most the ratio of the averages. Nil when a weight is not positive (a word held by
    /// more stories than are live): then nothing is bounded.
    static func highestOther(storedBound: Float, weights: [Float], ownWeights: [Float], lengthRatio: Double) -> Float? {
        guard storedBound.isFinite, storedBound >= 0, weights.count == ownWeights.count,
              weights.allSatisfy({ $0 > 0 && $0.isFinite }), ownWeights.allSatisfy({ $0 > 0 && $0.isFinite }),
              lengthRatio.isFinite else { return nil }
        let order = weights.indices.sorted { Double(weights[$0]) / Double(ownWeights[$0]) > Double(weights[$1]) / Double(ownWeights[$1]) }
        var budget = Double(storedBound)
        var gain = 0.0
        for word in order where budget > 0 {
            let share = min(1, budget / Double(ownWeights[word]))
            gain += Double(weights[word]) * share
            budget -= Double(ownWeights[word]) * share
        }
        // Float sums of a few dozen terms stray by well under this.
        return Float(gain * max(1, lengthRatio) * (1 + 1e-4))
    }
}
