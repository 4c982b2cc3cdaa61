import BylineCore
import Testing
@testable import StorySearch

/// A few stories, indexed in memory.
struct SmallLibrary {
    var stories: [(path: String, story: Story)]

    static func story(_ title: String, _ body: String, source: String = "Example Times", published: String? = nil) -> Story {
        Story(title: title, source: source, published: published, body: body.split(separator: "\n").map { .paragraph(String($0)) })
    }

    func segmentBytes(generation: UInt64 = 1, baseGeneration: UInt64 = 0, deleted: [UInt32] = [],
                      quick: QuickPrefixSettings = .standard) throws -> [UInt8] {
        var builder = SearchSegmentBuilder()
        for (index, entry) in stories.enumerated() {
            builder.add(SearchDocument(story: entry.story), path: entry.path,
                        stamp: FileStamp(size: Int64(index), modifiedSeconds: 1, modifiedNanoseconds: 2))
        }
        return try builder.write(to: SegmentBytes(), generation: generation, baseGeneration: baseGeneration, deleted: deleted,
                                 quick: quick).bytes
    }
}

/// Runs `body` over a library made of segments held in arrays.
func withLibrary<T>(_ segments: [[UInt8]], _ body: (SearchLibrary) throws -> T) throws -> T {
    func open(_ rest: ArraySlice<[UInt8]>, _ opened: [SearchSegment]) throws -> T {
        guard let first = rest.first else { return try body(SearchLibrary(segments: opened)) }
        return try first.withUnsafeBytes { try open(rest.dropFirst(), opened + [try SearchSegment($0)]) }
    }
    return try open(segments[...], [])
}

let news = SmallLibrary(stories: [
    ("b/rail.txt", SmallLibrary.story("Council approves new rail link", "The new rail link runs north.\nCosts rise.", published: "2024-03-02")),
    ("a/flood.txt", SmallLibrary.story("Flood defences delayed", "Residents fear the river. The council said the rail works come first.", published: "2024-03-01")),
    ("c/cafe.txt", SmallLibrary.story("Le café de la gare rouvre", "Les habitants de Genève fêtent la réouverture.", source: "Tribune")),
    ("d/tokyo.txt", SmallLibrary.story("東京都の天気", "明日は雨が降ります。東京都内は寒い。", source: "NHK")),
    ("e/rail2.txt", SmallLibrary.story("Rail strike ends", "Rail workers return after the strike over rail pay. New link plans wait.", published: "2024-02-01")),
])

@Suite struct SearchLibraryTests {
    private func titles(_ query: String, asYouType: Bool = false, in segments: [[UInt8]]? = nil) throws -> [String] {
        try withLibrary(segments ?? [try news.segmentBytes()]) { library in
            var tokenizer = SearchTokenizer()
            let documents = Dictionary(uniqueKeysWithValues: news.stories.map { ($0.path, SearchDocument(story: $0.story)) })
            let parsed = SearchQuery.parse(query, asYouType: asYouType)
            return library.search(parsed, limit: 10) { ref in
                let document = documents[library.story(ref).path]
                return parsed.phrases.allSatisfy { document?.contains(phrase: $0, tokenizer: &tokenizer) ?? false }
            }.hits.map { library.story($0.ref).title }
        }
    }

    @Test func findsEveryWordAcrossHeadlineSourceAndText() throws {
        #expect(try titles("rail council") == ["Council approves new rail link", "Flood defences delayed"])
        #expect(try titles("tribune") == ["Le café de la gare rouvre"])
        #expect(try titles("river") == ["Flood defences delayed"])
        #expect(try titles("nothing-like-this") == [])
    }

    @Test func ranksAStoryAboutTheWordAboveOneThatMentionsIt() throws {
        let found = try titles("rail")
        #expect(found.count == 3)
        #expect(found.last == "Flood defences delayed")
    }

    @Test func accentsAndCaseDoNotMatter() throws {
        #expect(try titles("CAFE geneve") == ["Le café de la gare rouvre"])
        #expect(try titles("Réouverture") == ["Le café de la gare rouvre"])
    }

    @Test func cjkTextIsFoundByItsWords() throws {
        #expect(try titles("東京") == ["東京都の天気"])
        #expect(try titles("天気") == ["東京都の天気"])
        #expect(try titles("雨") == ["東京都の天気"])
    }

    @Test func prefixesWhileTyping() throws {
        #expect(try titles("flo", asYouType: true) == ["Flood defences delayed"])
        #expect(try titles("flo") == [])
    }

    @Test func phrasesMustStandTogether() throws {
        #expect(try Set(titles("rail link")) == ["Council approves new rail link", "Rail strike ends"])
        #expect(try titles(#""rail link""#) == ["Council approves new rail link"])
        #expect(try titles(#""link rail""#) == [])
    }

    @Test func aRecentSegmentReplacesAndRemovesBaseStories() throws {
        let base = try news.segmentBytes(generation: 7)
        try withLibrary([base]) { library in
            let rail = try #require(library.ref(path: "b/rail.txt"))
            let flood = try #require(library.ref(path: "a/flood.txt"))
            let recent = try SmallLibrary(stories: [
                ("b/rail.txt", SmallLibrary.story("Council scraps rail link", "Plans end.")),
                ("z/new.txt", SmallLibrary.story("Harbour expansion approved", "Cranes arrive.")),
            ]).segmentBytes(generation: 8, baseGeneration: 7, deleted: [UInt32(rail.story), UInt32(flood.story)])
            #expect(try titles("council", in: [base, recent]) == ["Council scraps rail link"])
            #expect(try titles("harbour", in: [base, recent]) == ["Harbour expansion approved"])
            try withLibrary([base, recent]) { both in
                #expect(both.liveCount == 5)
                #expect(both.ref(path: "a/flood.txt") == nil)
                #expect(both.ref(path: "b/rail.txt")?.segment == 1)
            }
        }
    }

    @Test func mergingSegmentsKeepsWhatSearchFinds() throws {
        let first = try SmallLibrary(stories: Array(news.stories.prefix(2))).segmentBytes(generation: 1)
        let second = try SmallLibrary(stories: Array(news.stories.dropFirst(2))).segmentBytes(generation: 2)
        let merged = try withLibrary([first, second]) { library in
            try SearchSegmentMerger.merge(library.segments.map { .init(segment: $0) }, into: SegmentBytes(), generation: 3).bytes
        }
        for query in ["rail", "rail council", "東京", "cafe", "strike"] {
            #expect(try titles(query, in: [merged]) == titles(query))
        }
        try withLibrary([merged]) { library in
            #expect(library.segments[0].storyCount == 5)
            #expect((0..<5).map { library.segments[0].path($0) } == ["a/flood.txt", "b/rail.txt", "c/cafe.txt", "d/tokyo.txt", "e/rail2.txt"])
        }
    }

    @Test func aMergeWritesTheSegmentOneBuildOfTheSameStoriesWould() throws {
        // Inputs that interleave by path, a story replaced by a later input and one
        // removed: the merge must write, byte for byte, what a build of the stories that
        // stay writes, so a merged index answers every query as a fresh one.
        func segment(_ stories: [(path: String, story: Story)]) throws -> [UInt8] {
            var builder = SearchSegmentBuilder()
            for entry in stories {
                builder.add(SearchDocument(story: entry.story), path: entry.path,
                            stamp: FileStamp(size: Int64(entry.path.utf8.count), modifiedSeconds: 1, modifiedNanoseconds: 2))
            }
            return try builder.write(to: SegmentBytes(), generation: 9).bytes
        }
        let all = news.stories
        let replaced = (path: "b/rail.txt", story: SmallLibrary.story("Council scraps rail link", "Plans end. Trams instead."))
        let first = try segment([all[1], all[0], all[3]])
        let second = try segment([all[2], all[4], replaced])
        let merged = try withLibrary([first, second]) { library in
            // The first input's "d/tokyo.txt" (story 3 in path order) is removed.
            let tokyo = try #require(library.segments[0].storyNumber(path: "d/tokyo.txt"))
            return try SearchSegmentMerger.merge([.init(segment: library.segments[0], removed: [UInt32(tokyo)]),
                                                  .init(segment: library.segments[1])], into: SegmentBytes(), generation: 9).bytes
        }
        #expect(merged == (try segment([all[1], replaced, all[2], all[4]])))
    }

    @Test func damagedSegmentsAreRefusedOnOpening() throws {
        var bytes = try news.segmentBytes()
        bytes.withUnsafeBytes { #expect((try? SearchSegment(UnsafeRawBufferPointer(rebasing: $0.prefix(100)))) == nil) }
        bytes[20] ^= 0xFF
        bytes.withUnsafeBytes { raw in
            _ = #expect(throws: SearchSegment.Damage.self) { try SearchSegment(raw) }
        }
    }

    @Test func damagedPostingsNeverCrashASearch() throws {
        var bytes = try news.segmentBytes()
        let postings = try bytes.withUnsafeBytes { Int(try SearchSegment($0).postingBytes(0).baseAddress! - $0.baseAddress!) }
        for offset in postings..<min(bytes.count, postings + 200) { bytes[offset] = 0xFF }
        _ = try titles("rail council", in: [bytes])
    }

    @Test func moreOnThisFindsStoriesSharingTellingWords() throws {
        try withLibrary([try news.segmentBytes()]) { library in
            let rail = SearchDocument(story: news.stories[0].story)
            let similar = library.similar(to: rail, path: "b/rail.txt").map { library.story($0.ref).path }
            #expect(similar.first == "e/rail2.txt")
            #expect(!similar.contains("b/rail.txt"))
            #expect(!similar.contains("c/cafe.txt"))
        }
    }
}
