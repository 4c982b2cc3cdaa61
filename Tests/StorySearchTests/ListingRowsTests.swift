import BylineCore
import Foundation
import Testing
@testable import StorySearch

/// Search answers as the reader takes them: rows of its list, found through the table
/// made once per index and listing (`ListingRows`) rather than by looking each path up.
@Suite struct ListingRowsTests {
    /// The reader's list of `stories`: newest first, so its rows are in another order than
    /// the index's (by path).
    private func listing(of stories: [(path: String, story: Story)]) -> SummaryListing {
        SummaryListing(stories.reversed().map { StorySummary(id: StoryID($0.path), story: $0.story) })
    }

    /// What the reader did before the table: the whole ranking, each path looked up.
    private func eagerRows(_ query: String, limit: Int, in library: SearchLibrary, listing: any StoryListing) -> [Int] {
        let hits = library.search(SearchQuery.parse(query, asYouType: true), limit: 100_000).hits
        return Array(library.paths(of: hits).compactMap { listing.row(of: StoryID($0)) }.prefix(limit))
    }

    private func rows(_ query: String, limit: Int, in library: SearchLibrary, listing: any StoryListing)
        -> (rows: [Int], total: Int) {
        let listed = library.rows(in: listing)
        let results = library.search(SearchQuery.parse(query, asYouType: true), limit: limit, listed: listed)
        return (results.hits.compactMap { listed.row($0.ref) }, results.total)
    }

    @Test func rowsFoundThroughTheTableAreTheRowsOfTheStoriesAPathLookupFinds() throws {
        let list = listing(of: generated.stories)
        try withLibrary([try generated.segmentBytes()]) { library in
            for query in ["harbour", "c", "co", "bridge city", "t", "energy reform budget", "nothing"] {
                let whole = eagerRows(query, limit: 100_000, in: library, listing: list)
                for limit in [1, 20, 150, 1_000] {
                    let found = rows(query, limit: limit, in: library, listing: list)
                    #expect(found.rows == Array(whole.prefix(limit)), "\(query), \(limit)")
                    #expect(found.total == whole.count, "\(query)")
                }
            }
        }
    }

    @Test func aStoryTheListNoLongerHoldsIsNeitherShownNorCounted() throws {
        // The list was read after "b/gone.txt" was removed; the index still holds it.
        var stories = generated.stories.prefix(50).map { $0 }
        stories.append(("b/gone.txt", SmallLibrary.story("Harbour harbour harbour", "Harbour cranes at the harbour.")))
        let list = listing(of: Array(stories.dropLast()))
        try withLibrary([try SmallLibrary(stories: stories).segmentBytes()]) { library in
            let everything = library.search(SearchQuery.parse("harbour"), limit: 1_000)
            #expect(library.paths(of: everything.hits).contains("b/gone.txt"))

            let found = rows("harbour", limit: 1_000, in: library, listing: list)
            #expect(!found.rows.isEmpty)
            #expect(found.rows.allSatisfy { list.id(at: $0).path != "b/gone.txt" })
            #expect(found.total == everything.total - 1)
            #expect(found.rows == eagerRows("harbour", limit: 1_000, in: library, listing: list))
        }
    }

    @Test func aReplacedStoryIsFoundOnceAtItsRowAsTheLaterSegmentHasIt() throws {
        let base = SmallLibrary(stories: [("a/rail.txt", SmallLibrary.story("Rail link delayed", "Trains wait.")),
                                          ("b/port.txt", SmallLibrary.story("Port grows", "Cranes arrive."))])
        // The rail story was saved again, now about trams; the base's copy is replaced.
        let recent = SmallLibrary(stories: [("a/rail.txt", SmallLibrary.story("Rail link opens", "Trams run."))])
        let list = SummaryListing([StorySummary(id: StoryID("b/port.txt"), title: "Port grows"),
                                   StorySummary(id: StoryID("a/rail.txt"), title: "Rail link opens")])
        try withLibrary([try base.segmentBytes(), try recent.segmentBytes(generation: 2, baseGeneration: 1, deleted: [0])]) { library in
            #expect(rows("rail", limit: 10, in: library, listing: list) == ([1], 1))
            #expect(rows("trams", limit: 10, in: library, listing: list) == ([1], 1))
            #expect(rows("trains", limit: 10, in: library, listing: list) == ([], 0))
            #expect(rows("cranes", limit: 10, in: library, listing: list) == ([0], 1))
        }
    }

    @Test func aNewListingIsMatchedAfreshAndTheRowsFollowIt() throws {
        let newestFirst = listing(of: generated.stories)
        let oldestFirst = SummaryListing(generated.stories.map { StorySummary(id: StoryID($0.path), story: $0.story) })
        try withLibrary([try generated.segmentBytes()]) { library in
            let before = rows("budget", limit: 30, in: library, listing: newestFirst).rows
            let after = rows("budget", limit: 30, in: library, listing: oldestFirst).rows
            #expect(after == eagerRows("budget", limit: 30, in: library, listing: oldestFirst))
            // The same stories, at the rows each list has them.
            #expect(after.map { oldestFirst.id(at: $0) } == before.map { newestFirst.id(at: $0) })
            #expect(after != before)
        }
    }

    @Test func queriesOneAfterAnotherFindWhatEachFindsAlone() throws {
        // Score boards are kept and cleared between queries: nothing of one may reach the next.
        let bytes = try generated.segmentBytes()
        let alone = try ["harbour", "t", "bridge city", "co"].map { query in
            try withLibrary([bytes]) { $0.search(SearchQuery.parse(query, asYouType: true), limit: 40) }
        }
        try withLibrary([bytes]) { library in
            for _ in 0..<2 {
                let document = SearchDocument(story: generated.stories[3].story)
                #expect(!library.similar(to: document, path: generated.stories[3].path).isEmpty)
                for (query, expected) in zip(["harbour", "t", "bridge city", "co"], alone) {
                    #expect(library.search(SearchQuery.parse(query, asYouType: true), limit: 40) == expected, "\(query)")
                }
            }
        }
    }

    @Test func pathsReadThroughTheFileMatchAsPathsReadInPlace() throws {
        let bytes = try generated.segmentBytes()
        let list = listing(of: generated.stories)
        try withLibrary([bytes]) { inPlace in
            try bytes.withUnsafeBytes { raw in
                let throughReader = SearchLibrary(segments: [try SearchSegment(raw, reader: CopyingReader(bytes: bytes))])
                #expect(throughReader.rows(in: list).rows == inPlace.rows(in: list).rows)
                #expect(inPlace.rows(in: list).rows[0].allSatisfy { $0 >= 0 })
            }
        }
    }
}
