import BylineCore
import Foundation
import Testing
@testable import StorySearch

/// What ranking reads of each story (see `StoryFacts`): lengths from the story words
/// column, dates and paths record by record for a page, from the whole table for many.
@Suite struct StoryFactsTests {
    /// Many stories over four words, few dates: a query's matches run to the hundreds and
    /// tie often, so a page's edge falls among equals.
    private let many: SmallLibrary = {
        let words = ["harbour", "council", "bridge", "budget"]
        var random = TestRandom(seed: 0x9E37_79B9_7F4A_7C15)
        func next(_ bound: Int) -> Int { random.next(bound) }
        var stories: [(String, Story)] = []
        for number in 0..<(StoryFacts.fewStories * 3) {
            let title = (0..<2).map { _ in words[next(words.count)] }.joined(separator: " ")
            let body = (0..<(2 + next(3))).map { _ in words[next(words.count)] }.joined(separator: " ")
            let date = next(4) == 0 ? nil : "2024-03-0\(1 + next(2))"
            stories.append(("feed\(next(3))/story\(number).txt", SmallLibrary.story(title, body, published: date)))
        }
        return SmallLibrary(stories: stories)
    }()

    @Test func aFirstPageIsWhereTheWholeRankingBeginsWhenMatchesAreMany() throws {
        try withLibrary([try many.segmentBytes()]) { library in
            for query in ["harbour", "bridge budget", "council"] {
                let parsed = SearchQuery.parse(query)
                let whole = library.search(parsed, limit: 10_000)
                // More than a page's worth: the whole ranking reads every date at once.
                #expect(whole.hits.count > StoryFacts.fewStories, "\(query)")
                let paths = library.paths(of: whole.hits)
                for limit in [1, 10, 100] {
                    let page = try withLibrary([try many.segmentBytes()]) { fresh in
                        fresh.paths(of: fresh.search(parsed, limit: limit).hits)
                    }
                    #expect(page == Array(paths.prefix(limit)), "\(query), \(limit)")
                }
                #expect(paths == whole.hits.map { library.segments[0].path($0.ref.story) })
            }
        }
    }

    @Test func ofTwoVeryLongStoriesUsingAWordAsOftenTheShorterRanksFirst() throws {
        // Longer than a story words column entry holds (65,535 words): the table says.
        let filler = String(repeating: "lorem ", count: 70_000)
        let library = SmallLibrary(stories: [
            ("a/longer.txt", SmallLibrary.story("Tunnel report", filler + filler + " railway")),
            ("b/long.txt", SmallLibrary.story("Tunnel report", filler + " railway")),
            ("c/short.txt", SmallLibrary.story("Weather", "Sunny")),
        ])
        try withLibrary([try library.segmentBytes()]) { library in
            let hits = library.search(SearchQuery.parse("railway"), limit: 10).hits
            #expect(hits.map { library.segments[0].path($0.ref.story) } == ["b/long.txt", "a/longer.txt"])
            let segment = library.segments[0]
            for hit in hits {
                let words = segment.words(hit.ref.story)
                #expect(words > UInt32(UInt16.max))
                let expected = library.scoring.score(rarity: library.scoring.rarity(holding: 2), count: 1, words: words)
                #expect(hit.score == expected)
            }
        }
    }
}
