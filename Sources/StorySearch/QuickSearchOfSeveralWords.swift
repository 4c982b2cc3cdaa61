/// Ranking a query of several words whose last-typed word is a prefix a segment stored
/// (see `QuickPrefixes`): "the m", "council b". The other words are added as always, rarest
/// first; the prefix, the commonest, would then decode the postings of every word it
/// stands for. Instead its stored best stories that hold every other word are scored from
/// their stored counts, each added to the story's score so far word by word, as decoding
/// would add them, so each gets the very score the long way gives it.
///
/// Any other story holding every word (the stored bitmap says which) has its score so far
/// exactly, and its prefix part is at most what `highestOther` allows. When a full page
/// ranks from scored stories and its last score is above the most any other story can
/// reach, that page is the long way's; else the segments whose stored stories were
/// scored add the prefix's postings after all, on the same boards, and the page is
/// ranked from them. Either way the page and the count are the long way's.
extension SearchLibrary {
    /// A segment whose other words are added (its board holds the stories holding all of
    /// them) and whose stored stories are scored, waiting to hear whether the page needs
    /// the prefix's postings.
    private struct Pending {
        var number: Int
        var board: ScoreBoard
        /// The word added last, and its place in the order words are added.
        var last: WordTerms
        var position: Int
        var excluded: [Bool]
        /// The stored stories holding every word, with their scores.
        var scored: [(story: Int, score: Float)] = []
        /// How many other stories hold every word, and the most any of them may score.
        var others = 0
        var highest: Float?
    }

    /// The page and count of `query`, and whether stored stories settled it; nil when the
    /// query is not one of several words with a single prefix some segment stored.
    func quickSearchOfSeveralWords(_ query: SearchQuery, limit: Int, listed: ListingRows?, facts: [StoryFacts],
                                   buffer: ReadBuffer) -> (results: SearchResults, stored: Bool)? {
        let prefixes = query.words.indices.filter { query.words[$0].isPrefix }
        guard query.words.count > 1, query.phrases.isEmpty, prefixes.count == 1, let prefix = prefixes.first else { return nil }
        var text = query.words[prefix].text
        let entries = text.withUTF8 { key in segments.map { $0.quick?.entry(UnsafeRawBufferPointer(key)) } }
        guard entries.contains(where: { $0 != nil }) else { return nil }
        var boards: [ScoreBoard?] = []
        defer { boardsKept.give(boards) }
        var pending: [Pending] = []
        for (number, segment) in segments.enumerated() {
            let excluded = listed?.excluded[number] ?? removed[number]
            let lengths = facts[number].lengths
            guard let entry = entries[number] else {
                boards.append(matchAll(query.words, in: number, lengths: lengths, excluded: excluded, buffer: buffer))
                continue
            }
            guard let words = orderedWords(query.words, in: segment, buffer: buffer) else {
                boards.append(nil)
                continue
            }
            let board = boardsKept.take(number, stories: segment.storyCount)
            boards.append(board)
            let last = words.count - 1
            for position in 0..<last {
                add(words[position].terms, as: position, to: board, in: segment, lengths: lengths, buffer: buffer)
            }
            board.keepOnly(holding: UInt8(last), unless: excluded)
            var waiting = Pending(number: number, board: board, last: words[last], position: last, excluded: excluded)
            // A prefix rarer than another word is not added last: ranked the long way. So is
            // one whose stored stories cannot be expected to fill the page: as many of them
            // hold the other words as stories do, about (for "council b" a few dozen).
            let expected = Double(entry.candidateCount) * Double(board.running.count) / Double(max(1, segment.storyCount))
            if words[last].word == prefix, expected >= Double(limit) / 2,
               let found = scoreStored(entry, of: words[last].terms, on: board, in: number, lengths: lengths, buffer: buffer) {
                (waiting.scored, waiting.others, waiting.highest) = found
                pending.append(waiting)
            } else {
                finish(waiting, lengths: lengths, buffer: buffer)
            }
        }

        // The score the page's last story would have, ranked from scored stories alone.
        let waitingNumbers = Set(pending.map(\.number))
        var best = MinimumHeap(capacity: limit)
        var ranked = 0
        var total = 0
        for waiting in pending {
            for (_, score) in waiting.scored where score > best.least { best.offer(score) }
            ranked += waiting.scored.count
            total += waiting.scored.count + waiting.others
        }
        for (number, board) in boards.enumerated() where !waitingNumbers.contains(number) {
            guard let board else { continue }
            for story in board.running where board.scores[Int(story)] > best.least { best.offer(board.scores[Int(story)]) }
            ranked += board.running.count
            total += board.running.count
        }
        let bound = pending.compactMap(\.highest).max()
        let settled: Bool
        if pending.allSatisfy({ $0.others == 0 }) {
            settled = true
        } else if let bound, ranked >= limit {
            settled = best.least > bound
        } else {
            settled = false
        }
        // With no segment waiting, every board was ranked the long way.
        guard settled, !pending.isEmpty else {
            for waiting in pending { finish(waiting, lengths: facts[waiting.number].lengths, buffer: buffer) }
            let (hits, total) = top(limit, of: boards, facts: facts)
            return (SearchResults(hits: hits, total: total), false)
        }
        for waiting in pending {
            waiting.board.clear()
            for (story, score) in waiting.scored { waiting.board.set(story, score: score) }
        }
        return (SearchResults(hits: top(limit, of: boards, facts: facts).hits, total: total), true)
    }

    /// Adds the last word's postings, as the long way does.
    private func finish(_ waiting: Pending, lengths: [Float], buffer: ReadBuffer) {
        add(waiting.last.terms, as: waiting.position, to: waiting.board, in: segments[waiting.number], lengths: lengths, buffer: buffer)
        waiting.board.keepOnly(holding: UInt8(waiting.position + 1), unless: waiting.excluded)
    }

    /// Scores the stored stories of a prefix (standing for `terms`) that are still in the
    /// running on `board`, which holds the stories holding every other word with their
    /// scores so far; how many other stories hold every word too, and when there are some,
    /// the most any of them may score. Nil when the stored bytes do not hang together or
    /// those stories' scores cannot be bounded.
    private func scoreStored(_ entry: QuickPrefixes.Entry, of terms: [(term: Int, rarity: Double)], on board: ScoreBoard,
                             in number: Int, lengths: [Float], buffer: ReadBuffer)
        -> (scored: [(story: Int, score: Float)], others: Int, highest: Float?)? {
        let segment = segments[number]
        let words = (segment.storyCount + 63) / 64
        guard lengths.count == segment.storyCount, let storedWords = storedTerms(entry, in: segment, buffer: buffer),
              storedWords == terms.map(\.term) else { return nil }
        let unionBytes = segment.read(entry.union, into: buffer)
        guard unionBytes.count == words * 8 else { return nil }
        let union = (0..<words).map { unionBytes.little(UInt64.self, at: $0 * 8) }
        let matching = union.reduce(0) { $0 + $1.nonzeroBitCount }
        let weights = terms.map { BM25.weight(rarity: $0.rarity) }
        var highestOther: Float?
        if entry.candidateCount < matching {
            let own = BM25(stories: segment.storyCount, totalWords: segment.totalWords)
            let ownWeights = terms.map { BM25.weight(rarity: own.rarity(holding: segment.storiesHolding($0.term))) }
            highestOther = Self.highestOther(storedBound: entry.bound, weights: weights, ownWeights: ownWeights,
                                             lengthRatio: scoring.averageWords / own.averageWords)
        }

        // Each stored story's part of the score, word by word in the order they are added.
        let candidates = segment.read(entry.candidates, into: buffer)
        guard candidates.count == entry.candidates.count else { return nil }
        var stories: [Int] = []
        var parts: [Float] = []
        var partsStart: [Int] = [0]
        var isStored = [UInt64](repeating: 0, count: words)
        var outside = false
        let whole = QuickPrefixes.forEachCandidate(candidates, terms: terms.count, storyCount: segment.storyCount) { story, counts in
            let (word, bit) = (story >> 6, UInt64(1) << UInt64(story & 63))
            guard union[word] & bit != 0 else { return outside = true }
            isStored[word] |= bit
            stories.append(story)
            for position in counts.indices where counts[position] > 0 {
                parts.append(BM25.score(weight: weights[position], count: counts[position], length: lengths[story]))
            }
            partsStart.append(parts.count)
        }
        guard whole, !outside, stories.count == entry.candidateCount else { return nil }

        // One pass over the stories holding every other word: the stored ones are scored,
        // as `ScoreBoard.add` adds to a score (word by word, onto the score so far); the
        // others are counted, with the highest score so far among them.
        let scores = board.scores
        var scored: [(story: Int, score: Float)] = []
        var others = 0
        var mostSoFar = -Float.greatestFiniteMagnitude
        for story in board.running.lazy.map(Int.init) {
            let (word, bit) = (story >> 6, UInt64(1) << UInt64(story & 63))
            guard union[word] & bit != 0 else { continue }
            guard isStored[word] & bit != 0 else {
                // A branch, not `max`: nearly always not taken, it leaves no chain from one
                // story to the next (this loop goes through every story holding "the").
                others &+= 1
                let score = scores[story]
                if score > mostSoFar { mostSoFar = score }
                continue
            }
            // Stored stories are in story order.
            var low = 0, high = stories.count
            while low < high {
                let middle = (low + high) / 2
                if stories[middle] < story { low = middle + 1 } else { high = middle }
            }
            var score = scores[story]
            for part in parts[partsStart[low]..<partsStart[low + 1]] { score += part }
            scored.append((story, score))
        }
        guard others > 0 else { return (scored, 0, nil) }
        guard let highestOther else { return nil }
        // Its score so far is exact; the prefix adds at most `highestOther`. Float sums of a
        // few dozen terms stray by well under the margin.
        let before = Double(mostSoFar), prefix = Double(highestOther)
        return (scored, others, Float(before + prefix + (abs(before) + prefix) * 1e-4))
    }
}
