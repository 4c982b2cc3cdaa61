import BylineCore
import Foundation
import Testing
@testable import StorySearch

/// A library where prefixes stand for many words of very different frequencies, and
/// stories have different lengths, so the first letters of words are heavy prefixes.
private let prefixed: SmallLibrary = {
    let words = ["the", "then", "there", "they", "tea", "teachers", "teach", "tax", "table", "city", "council", "court",
                 "costs", "coast", "capital", "bridge", "budget", "bank", "board", "border", "reform", "rail", "river",
                 "energy", "east", "harbour", "health", "minister", "market", "more", "москва", "мост", "東京", "東北"]
    var random = TestRandom(seed: 0x9E37_79B9_7F4A_7C15)
    func next(_ bound: Int) -> Int { random.next(bound) }
    // Zipf-like: word n is picked about 1/(n+1) as often as the first.
    func word() -> String {
        let pick = next(1_000_000)
        var total = 0.0
        let weights = words.indices.map { 1.0 / Double($0 + 1) }
        let all = weights.reduce(0, +)
        for (index, weight) in weights.enumerated() {
            total += weight / all
            if Double(pick) / 1_000_000 < total { return words[index] }
        }
        return words[words.count - 1]
    }
    var stories: [(String, Story)] = []
    for number in 0..<700 {
        let title = (0..<(2 + next(4))).map { _ in word() }.joined(separator: " ")
        let body = (0..<(3 + next(60))).map { _ in word() }.joined(separator: " ")
        let date = next(6) == 0 ? nil : "2024-0\(1 + next(9))-1\(next(10))"
        stories.append(("feed\(next(5))/story\(number).txt", SmallLibrary.story(title, body, published: date)))
    }
    return SmallLibrary(stories: stories)
}()

/// Stored best stories for any prefix holding 300 postings, 40 of them a prefix.
private let small = QuickPrefixSettings(leastPostings: 300, candidates: 40)
private let none = QuickPrefixSettings.none

/// Every prefix of every word of the library, and some that are none.
private let prefixQueries: [String] = {
    var queries = Set<String>()
    for word in ["the", "then", "there", "tea", "teachers", "tax", "city", "council", "costs", "coast", "capital", "bridge",
                 "budget", "board", "reform", "rail", "energy", "harbour", "minister", "more", "москва", "東京", "zz"] {
        for end in 1...word.count { queries.insert(String(word.prefix(end))) }
    }
    return queries.sorted()
}()

/// Whole words of the library, common to rare, and one it lacks, to type before a prefix.
private let wholeWords = ["the", "then", "tea", "tax", "city", "council", "bridge", "harbour", "minister", "москва", "東京", "zz"]

/// Every whole word followed by every short prefix ("the m", "council b"): what a reader
/// types as a second word begins.
private let severalWordQueries: [String] = {
    let shortPrefixes = prefixQueries.filter { $0.count <= 2 }
    var queries: [String] = []
    for word in wholeWords {
        for prefix in shortPrefixes { queries.append("\(word) \(prefix)") }
    }
    // Three words, a word typed twice, and the prefix typed first and starred.
    return queries + ["the city c", "council the b", "tax tea t", "the the t", "t* council", "te* the", "the budget м"]
}()

@Suite struct QuickPrefixTests {
    private typealias Page = (paths: [String], scores: [Double], total: Int)

    private func page(_ query: String, limit: Int, in library: SearchLibrary, listed: ListingRows? = nil) -> Page {
        let results = library.search(SearchQuery.parse(query, asYouType: true), limit: limit, listed: listed)
        return (library.paths(of: results.hits), results.hits.map(\.score), results.total)
    }

    /// Compares every query's pages with and without stored prefixes; how many of them the
    /// stored prefixes answered.
    private func compare(_ queries: [String], limits: [Int], quick: SearchLibrary, exact: SearchLibrary,
                         quickListed: ListingRows? = nil, exactListed: ListingRows? = nil) -> Int {
        var answered = 0
        for query in queries {
            for limit in limits {
                let fast = page(query, limit: limit, in: quick, listed: quickListed)
                let slow = page(query, limit: limit, in: exact, listed: exactListed)
                #expect(fast.paths == slow.paths, "\(query), \(limit)")
                #expect(fast.scores == slow.scores, "\(query), \(limit)")
                #expect(fast.total == slow.total, "\(query), \(limit)")
                let parsed = SearchQuery.parse(query, asYouType: true)
                if quick.quickSearch(parsed, limit: limit, listed: quickListed, facts: quick.facts, buffer: ReadBuffer()) != nil
                    || quick.quickSearchOfSeveralWords(parsed, limit: limit, listed: quickListed, facts: quick.facts,
                                                       buffer: ReadBuffer())?.stored == true {
                    answered += 1
                }
            }
        }
        return answered
    }

    @Test func aSegmentStoresItsHeavyPrefixesAndNotTheRest() throws {
        try withLibrary([try prefixed.segmentBytes(quick: small)]) { library in
            let quick = try #require(library.segments[0].quick)
            #expect(quick.count > 5)
            for prefix in ["t", "c", "th"] {
                var key = prefix
                #expect(key.withUTF8 { quick.entry(UnsafeRawBufferPointer($0)) } != nil, "\(prefix)")
            }
            var rare = "zz"
            #expect(rare.withUTF8 { quick.entry(UnsafeRawBufferPointer($0)) } == nil)
        }
        try withLibrary([try prefixed.segmentBytes()]) { library in
            // At the standard setting a library of 700 stories has no prefix heavy enough, and
            // says so (unlike a segment written before stored prefixes).
            #expect(library.segments[0].quick?.count == 0)
            #expect(library.segments[0].storesQuickPrefixes)
        }
    }

    @Test func aSegmentWithoutStoredPrefixesIsLaidOutAsBeforeThemAndRankedTheLongWay() throws {
        // An index written before stored prefixes existed ends with its deleted list; so does
        // one with none heavy enough. It opens as it did and ranks every prefix the long way.
        let old = try prefixed.segmentBytes(deleted: [3, 9], quick: none)
        let end = old.withUnsafeBytes {
            Int($0.little(UInt64.self, at: SearchSegmentLayout.deletedAt)) + 4 * Int($0.little(UInt32.self, at: SearchSegmentLayout.deletedCountAt))
        }
        #expect(end == old.count)
        try withLibrary([old]) { library in
            #expect(!library.segments[0].storesQuickPrefixes)
            #expect(library.quickSearch(SearchQuery.parse("t", asYouType: true), limit: 10, listed: nil, facts: library.facts,
                                        buffer: ReadBuffer()) == nil)
            #expect(library.search(SearchQuery.parse("t", asYouType: true), limit: 10).hits.count == 10)
        }
    }

    @Test func storedPrefixesRankAndCountExactlyAsDecodingEveryPosting() throws {
        try withLibrary([try prefixed.segmentBytes(quick: small)]) { quick in
            try withLibrary([try prefixed.segmentBytes(quick: none)]) { exact in
                #expect(exact.segments[0].quick == nil)
                let answered = compare(prefixQueries, limits: [1, 10, 25, 39, 40, 41, 200], quick: quick, exact: exact)
                // The stored stories fill pages up to about their number; not beyond.
                #expect(answered > prefixQueries.count)
                // A page longer than the stored stories, with more matches than that, is ranked the long way.
                #expect(quick.quickSearch(SearchQuery.parse("t", asYouType: true), limit: 200, listed: nil,
                                          facts: quick.facts, buffer: ReadBuffer()) == nil)
            }
        }
    }

    @Test func queriesOfSeveralWordsEndingInAShortPrefixAreRankedAsBefore() throws {
        let queries = ["council b", "the c", "city t", "tea co", "\"the council\" b", "budget м", "reform t", "t c"]
        try withLibrary([try prefixed.segmentBytes(quick: small)]) { quick in
            try withLibrary([try prefixed.segmentBytes(quick: none)]) { exact in
                _ = compare(queries, limits: [1, 20, 200], quick: quick, exact: exact)
            }
        }
    }

    @Test func everyWordFollowedByEveryShortPrefixRanksAndCountsAsDecodingEveryPosting() throws {
        try withLibrary([try prefixed.segmentBytes(quick: small)]) { quick in
            try withLibrary([try prefixed.segmentBytes(quick: none)]) { exact in
                let answered = compare(severalWordQueries, limits: [1, 5, 39, 40, 41, 200], quick: quick, exact: exact)
                // Pages of a common word and a heavy prefix are settled by the stored stories.
                #expect(answered > severalWordQueries.count / 2)
                let theT = SearchQuery.parse("the t", asYouType: true)
                #expect(quick.quickSearchOfSeveralWords(theT, limit: 10, listed: nil, facts: quick.facts, buffer: ReadBuffer())?.stored == true)
                // A page longer than the stored stories is ranked from every posting.
                #expect(quick.quickSearchOfSeveralWords(theT, limit: 200, listed: nil, facts: quick.facts, buffer: ReadBuffer())?.stored == false)
            }
        }
    }

    @Test func replacedAndRemovedStoriesAreLeftOutAsTheLongWayLeavesThemOut() throws {
        // The recent segment replaces some base stories (other text) and removes others:
        // the library's statistics move away from those the base was stored with.
        let base = prefixed.stories
        var recent: [(path: String, story: Story)] = []
        var deleted: [UInt32] = []
        let sorted = base.map(\.path).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        for (number, path) in sorted.enumerated() where number % 7 == 0 {
            deleted.append(UInt32(number))
            if number % 2 == 0 {
                recent.append((path, SmallLibrary.story("Then the tea tax", "The city council then taxed tea. Then more.")))
            }
        }
        for extra in 0..<30 {
            recent.append(("new/\(extra).txt", SmallLibrary.story("Teachers then", "The teachers of the city there then")))
        }
        for settings in [(base: small, recent: small), (base: small, recent: none)] {
            let quickSegments = [try SmallLibrary(stories: base).segmentBytes(generation: 5, quick: settings.base),
                                 try SmallLibrary(stories: recent).segmentBytes(baseGeneration: 5, deleted: deleted, quick: settings.recent)]
            let exactSegments = [try SmallLibrary(stories: base).segmentBytes(generation: 5, quick: none),
                                 try SmallLibrary(stories: recent).segmentBytes(baseGeneration: 5, deleted: deleted, quick: none)]
            try withLibrary(quickSegments) { quick in
                try withLibrary(exactSegments) { exact in
                    _ = compare(prefixQueries, limits: [1, 10, 30, 40], quick: quick, exact: exact)
                    #expect(compare(severalWordQueries, limits: [1, 10, 40], quick: quick, exact: exact) > 0)
                }
            }
        }
    }

    @Test func storiesTheListNoLongerHoldsAreNeitherRankedNorCounted() throws {
        // The list lacks every third story, best ones included: some pages can no longer
        // be filled from the stored stories and are ranked the long way.
        let shown = prefixed.stories.enumerated().filter { $0.offset % 3 != 0 }.map(\.element)
        let list = SummaryListing(shown.map { StorySummary(id: StoryID($0.path), story: $0.story) })
        try withLibrary([try prefixed.segmentBytes(quick: small)]) { quick in
            try withLibrary([try prefixed.segmentBytes(quick: none)]) { exact in
                let answered = compare(prefixQueries, limits: [1, 10, 26, 40], quick: quick, exact: exact,
                                       quickListed: quick.rows(in: list), exactListed: exact.rows(in: list))
                #expect(answered > 0)
                #expect(compare(severalWordQueries, limits: [1, 10, 26, 40], quick: quick, exact: exact,
                                quickListed: quick.rows(in: list), exactListed: exact.rows(in: list)) > 0)
                // The count is of the stories listed: fewer than the index holds.
                #expect(page("t", limit: 10, in: quick, listed: quick.rows(in: list)).total < page("t", limit: 10, in: quick).total)
            }
        }
    }

    @Test func aMergedSegmentStoresItsPrefixesAgain() throws {
        let half = prefixed.stories.count / 2
        let first = SmallLibrary(stories: Array(prefixed.stories.prefix(half)))
        let second = SmallLibrary(stories: Array(prefixed.stories.dropFirst(half)))
        let parts = [try first.segmentBytes(quick: none), try second.segmentBytes(quick: none)]
        let merged: [UInt8] = try parts[0].withUnsafeBytes { one in
            try parts[1].withUnsafeBytes { two in
                try SearchSegmentMerger.merge([.init(segment: try SearchSegment(one)), .init(segment: try SearchSegment(two))],
                                              into: SegmentBytes(), generation: 9, quick: small).bytes
            }
        }
        try withLibrary([merged]) { quick in
            #expect(quick.segments[0].quick != nil)
            try withLibrary([try prefixed.segmentBytes(quick: none)]) { exact in
                #expect(compare(prefixQueries, limits: [10, 40], quick: quick, exact: exact) > 0)
                #expect(compare(severalWordQueries, limits: [10, 40], quick: quick, exact: exact) > 0)
            }
        }
    }

    @Test func damagedStoredPrefixesNeverCrashAndNeverNameAStoryOutOfRange() throws {
        let bytes = try prefixed.segmentBytes(quick: small)
        let trailer = bytes.count - QuickPrefixes.trailerSize
        let directory = Int(bytes.withUnsafeBytes { $0.little(UInt64.self, at: trailer) })
        // Every byte of the section before its directory, in turn, set to each of a few values.
        var damaged = 0
        for offset in stride(from: directory - 1, to: max(0, directory - 3_000), by: -11) {
            for value: UInt8 in [0x00, 0xFF] {
                var copy = bytes
                copy[offset] = value
                try withLibrary([copy]) { library in
                    for query in ["t", "c", "th", "м", "the t", "council c", "the th"] {
                        let hits = library.search(SearchQuery.parse(query, asYouType: true), limit: 30).hits
                        #expect(hits.allSatisfy { $0.ref.story < library.segments[0].storyCount })
                    }
                }
                damaged += 1
            }
        }
        #expect(damaged > 100)
    }

    @Test func theMostAStoryLeftOutCanScoreBoundsEveryWayItsWordsCanBeShared() {
        // Weights unchanged: the stored bound itself (and a hair).
        let same = QuickSearch.highest(2, weights: [1, 2, 3], own: [1, 2, 3], ratio: 1)
        #expect(same >= 2 && same < 2.01)
        // A word weighing twice what it did, which a story could hold alone: twice.
        #expect(QuickSearch.highest(0.5, weights: [2, 1], own: [1, 1], ratio: 1) >= 1)
        // Each word adds less than its weight (count / (count + length) < 1): a story holding
        // both words at most fully scores 2 + 1 now, however high the stored bound.
        let both = QuickSearch.highest(2, weights: [2, 1], own: [1, 1], ratio: 1)
        #expect(both >= 3 && both < 3.01)
        // A longer average length raises every story's score by at most that ratio.
        #expect(QuickSearch.highest(0.8, weights: [1], own: [1], ratio: 1.5) >= 1.2)
        // A word no longer positive bounds nothing.
        #expect(SearchLibrary.highestOther(storedBound: 1, weights: [0], ownWeights: [1], lengthRatio: 1) == nil)
    }
}

private enum QuickSearch {
    static func highest(_ bound: Float, weights: [Float], own: [Float], ratio: Double) -> Float {
        SearchLibrary.highestOther(storedBound: bound, weights: weights, ownWeights: own, lengthRatio: ratio) ?? .nan
    }
}
