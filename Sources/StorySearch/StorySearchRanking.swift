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
    /// A prefix stands for at most this many words: the ones most stories hold.
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
    public func search(_ query: SearchQuery, limit: Int, holdsPhrases: (StoryRef) -> Bool = { _ in true }) -> SearchResults {
        guard !query.isEmpty, limit > 0, !segments.isEmpty else { return SearchResults() }
        var matches: [SearchHit] = []
        for segment in segments.indices {
            matches += matchAll(query.words, in: segment)
        }
        guard !query.phrases.isEmpty else {
            return SearchResults(hits: best(matches, limit: limit), total: matches.count)
        }
        let ranked = best(matches, limit: matches.count)
        var hits: [SearchHit] = []
        var checked = 0
        for hit in ranked {
            if hits.count == limit || checked == Self.phraseChecks { break }
            checked += 1
            if holdsPhrases(hit.ref) { hits.append(hit) }
        }
        let unchecked = ranked.count - checked
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
                    terms = Array(terms.sorted { segment.storiesHolding($0) > segment.storiesHolding($1) }.prefix(Self.prefixWords))
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

    /// Stories of one segment holding every word, scored.
    private func matchAll(_ words: [SearchQuery.Word], in number: Int) -> [SearchHit] {
        let segment = segments[number]
        var groups = words.map { expansions($0, in: segment) }
        guard !groups.contains(where: \.isEmpty) else { return [] }
        // Rarest word first: later words only add to stories that are still candidates.
        groups.sort { a, b in
            a.reduce(0) { $0 + segment.storiesHolding($1.term) } < b.reduce(0) { $0 + segment.storiesHolding($1.term) }
        }
        var scores = [Double](repeating: 0, count: segment.storyCount)
        var matched = [UInt8](repeating: 0, count: segment.storyCount)
        for (group, expansions) in groups.enumerated() {
            let before = UInt8(group)
            for (term, rarity) in expansions {
                var postings = segment.postings(term)
                while let posting = postings.next() {
                    let story = Int(posting.story)
                    let count = matched[story]
                    guard count == before || count == before + 1 else { continue }
                    matched[story] = before + 1
                    scores[story] += scoring.score(rarity: rarity, count: posting.count, words: segment.words(story))
                }
            }
        }
        let all = UInt8(groups.count)
        var hits: [SearchHit] = []
        for story in 0..<segment.storyCount where matched[story] == all && !removed[number][story] {
            hits.append(SearchHit(ref: StoryRef(segment: number, story: story), score: scores[story]))
        }
        return hits
    }

    /// Higher score first; on a tie the newer story, then the path, so the order is stable.
    func precedes(_ a: SearchHit, _ b: SearchHit) -> Bool {
        if a.score != b.score { return a.score > b.score }
        let da = segments[a.ref.segment].published(a.ref.story), db = segments[b.ref.segment].published(b.ref.story)
        if da != db { return da.isNaN ? false : db.isNaN ? true : da > db }
        return SearchSegment.compare(segments[a.ref.segment].pathBytes(a.ref.story), segments[b.ref.segment].pathBytes(b.ref.story)) < 0
    }

    /// The best `limit` hits in order: a bounded heap when few are wanted of many.
    func best(_ hits: [SearchHit], limit: Int) -> [SearchHit] {
        guard hits.count > limit * 4 else { return Array(hits.sorted(by: precedes).prefix(limit)) }
        // A heap whose top is the worst kept hit.
        var heap: [SearchHit] = []
        heap.reserveCapacity(limit)
        for hit in hits {
            if heap.count < limit {
                heap.append(hit)
                var child = heap.count - 1
                while child > 0, precedes(heap[(child - 1) / 2], heap[child]) {
                    heap.swapAt(child, (child - 1) / 2)
                    child = (child - 1) / 2
                }
            } else if precedes(hit, heap[0]) {
                heap[0] = hit
                var parent = 0
                while true {
                    let left = parent * 2 + 1, right = left + 1
                    var worst = parent
                    if left < heap.count, precedes(heap[worst], heap[left]) { worst = left }
                    if right < heap.count, precedes(heap[worst], heap[right]) { worst = right }
                    if worst == parent { break }
                    heap.swapAt(parent, worst)
                    parent = worst
                }
            }
        }
        return heap.sorted(by: precedes)
    }
}
