/// Works out a segment's quick prefixes (see `QuickPrefixes`) as its writer finishes: the
/// dictionary is in memory, the postings are read back from what was written.
struct QuickPrefixesWriter {
    let settings: QuickPrefixSettings
    let storyCount: Int
    /// The segment's own statistics: what the stored ranking and bound are worked out with.
    let scoring: BM25
    let lengths: [Float]
    let termCount: Int
    let holding: (Int) -> Int

    init(settings: QuickPrefixSettings, storyWords: [UInt32], totalWords: UInt64, termCount: Int,
         holding: @escaping (Int) -> Int) {
        self.settings = settings
        storyCount = storyWords.count
        let scoring = BM25(stories: storyWords.count, totalWords: totalWords)
        self.scoring = scoring
        lengths = storyWords.map { scoring.length(words: $0) }
        self.termCount = termCount
        self.holding = holding
    }

    /// A prefix worth storing, with the words it stands for.
    struct Chosen {
        var prefix: [UInt8]
        var terms: [Int]
        var postings: Int
    }

    /// Every prefix (ending on a whole character, at most 32 bytes) whose words hold at
    /// least `leastPostings` postings, heaviest first, at most `most`; then in byte order.
    /// `term` gives a term's bytes.
    func chosen(term: (Int) -> UnsafeRawBufferPointer) -> [Chosen] {
        guard settings.leastPostings > 0, termCount > 0 else { return [] }
        // Postings of terms before each term: a range's total is a subtraction.
        var before = [Int](repeating: 0, count: termCount + 1)
        for index in 0..<termCount { before[index + 1] = before[index] + holding(index) }
        var found: [Chosen] = []
        // The prefixes of the term before, still open: their byte length and first term.
        var open: [(length: Int, start: Int)] = []
        func close(_ prefix: (length: Int, start: Int), end: Int) {
            let range = prefix.start..<end
            guard before[end] - before[prefix.start] >= settings.leastPostings else { return }
            let first = term(prefix.start)
            let terms = PrefixExpansion.terms(range, firstIsPrefix: first.count == prefix.length, holding: holding)
            let postings = terms.reduce(0) { $0 + holding($1) }
            guard postings >= settings.leastPostings else { return }
            found.append(Chosen(prefix: Array(first.prefix(prefix.length)), terms: terms, postings: postings))
        }
        var previous = UnsafeRawBufferPointer(start: nil, count: 0)
        for index in 0..<termCount {
            let current = term(index)
            var common = 0
            while common < min(previous.count, current.count), previous[common] == current[common] { common += 1 }
            while let last = open.last, last.length > common {
                close(last, end: index)
                open.removeLast()
            }
            let longest = min(current.count, 32)
            if common < longest {
                // Only whole characters: the next byte does not continue one.
                for length in (common + 1)...longest where length == current.count || current[length] & 0xC0 != 0x80 {
                    open.append((length, index))
                }
            }
            previous = current
        }
        while let last = open.popLast() { close(last, end: termCount) }
        found.sort { $0.postings != $1.postings ? $0.postings > $1.postings : $0.prefix.lexicographicallyPrecedes($1.prefix) }
        return found.prefix(settings.most).sorted { $0.prefix.lexicographicallyPrecedes($1.prefix) }
    }

    /// What is stored for one list of words.
    struct Stored {
        var candidates: [UInt8] = []
        var candidateCount = 0
        var union: [UInt64] = []
        var unionCount = 0
        var bound: Float = 0
    }

    /// Ranks every story holding any of `terms` as a query of the prefix would with the
    /// segment's statistics, and keeps the best. `postings` gives a term's encoded list,
    /// valid until it is called again.
    func store(_ terms: [Int], postings: (Int) throws -> UnsafeRawBufferPointer, scores: inout [Float], slots: inout [Int32]) rethrows -> Stored {
        var stored = Stored()
        stored.union = [UInt64](repeating: 0, count: (storyCount + 63) / 64)
        var touched: [Int] = []
        let weights = terms.map { BM25.weight(rarity: scoring.rarity(holding: holding($0))) }
        for (position, term) in terms.enumerated() {
            var reader = PostingList.Reader(try postings(term), storyCount: UInt32(storyCount))
            while let posting = reader.next() {
                let story = Int(posting.story)
                if stored.union[story / 64] & (1 << UInt64(story % 64)) == 0 {
                    stored.union[story / 64] |= 1 << UInt64(story % 64)
                    touched.append(story)
                }
                scores[story] += BM25.score(weight: weights[position], count: posting.count, length: lengths[story])
            }
        }
        stored.unionCount = touched.count
        var chosen = touched
        if touched.count > settings.candidates {
            var best = MinimumHeap(capacity: settings.candidates)
            for story in touched where scores[story] > best.least { best.offer(scores[story]) }
            // Every story left out scores at most this.
            stored.bound = best.least
            chosen = touched.filter { scores[$0] > best.least }
        }
        for story in touched { scores[story] = 0 }
        chosen.sort()
        for (slot, story) in chosen.enumerated() { slots[story] = Int32(slot) }
        var counts = [UInt32](repeating: 0, count: chosen.count * terms.count)
        for (position, term) in terms.enumerated() {
            var reader = PostingList.Reader(try postings(term), storyCount: UInt32(storyCount))
            while let posting = reader.next() {
                let slot = slots[Int(posting.story)]
                if slot >= 0 { counts[Int(slot) * terms.count + position] = posting.count }
            }
        }
        var previous = 0
        for (slot, story) in chosen.enumerated() {
            var mask: UInt64 = 0
            for position in terms.indices where counts[slot * terms.count + position] > 0 { mask |= 1 << UInt64(position) }
            stored.candidates.appendNumber(UInt64(slot == 0 ? story : story - previous))
            stored.candidates.appendNumber(mask)
            for position in terms.indices where counts[slot * terms.count + position] > 0 {
                stored.candidates.appendNumber(UInt64(counts[slot * terms.count + position]))
            }
            previous = story
            slots[story] = -1
        }
        stored.candidateCount = chosen.count
        return stored
    }
}
