import BylineCore
import Foundation
import Testing
@testable import StorySearch

/// A library of many short stories over a few words, so that many stories score the same
/// and the edge of a first page falls among equals: where picking a page without sorting
/// every match could go wrong.
let generated: SmallLibrary = {
    let words = ["harbour", "council", "court", "city", "capital", "costs", "budget", "bridge", "energy", "reform", "teachers"]
    var random = TestRandom(seed: 0x2545_F491_4F6C_DD1D)
    func next(_ bound: Int) -> Int { random.next(bound) }
    var stories: [(String, Story)] = []
    for number in 0..<400 {
        let title = (0..<3).map { _ in words[next(words.count)] }.joined(separator: " ")
        let body = (0..<(4 + next(6))).map { _ in words[next(words.count)] }.joined(separator: " ")
        // Few dates, some none: ties on score and date fall back to the path.
        let date = next(5) == 0 ? nil : "2024-03-0\(1 + next(3))"
        stories.append(("feed\(next(4))/story\(number).txt", SmallLibrary.story(title, body, published: date)))
    }
    return SmallLibrary(stories: stories)
}()

@Suite struct TopStoriesTests {
    private func ranking(_ query: String, limit: Int, in library: SearchLibrary) -> [String] {
        library.search(SearchQuery.parse(query, asYouType: true), limit: limit).hits.map { library.segments[$0.ref.segment].path($0.ref.story) }
    }

    @Test func aFirstPageIsWhereTheWholeRankingBegins() throws {
        try withLibrary([try generated.segmentBytes()]) { library in
            for query in ["harbour", "c", "co", "bridge city", "t", "energy reform budget"] {
                let whole = ranking(query, limit: 10_000, in: library)
                #expect(!whole.isEmpty)
                for limit in [1, 7, 20, 50, 150] {
                    #expect(ranking(query, limit: limit, in: library) == Array(whole.prefix(limit)), "\(query), \(limit)")
                }
            }
        }
    }

    @Test func theWholeRankingIsOrderedByScoreThenDateThenPath() throws {
        try withLibrary([try generated.segmentBytes()]) { library in
            let hits = library.search(SearchQuery.parse("harbour"), limit: 10_000).hits
            #expect(hits.count == library.search(SearchQuery.parse("harbour"), limit: 1).total)
            var tied = 0
            for (a, b) in zip(hits, hits.dropFirst()) {
                #expect(a.score >= b.score)
                guard a.score == b.score else { continue }
                tied += 1
                let dateA = library.segments[0].published(a.ref.story), dateB = library.segments[0].published(b.ref.story)
                #expect(dateA.isNaN ? dateB.isNaN : (dateB.isNaN || dateA >= dateB))
                if dateA == dateB || (dateA.isNaN && dateB.isNaN) {
                    #expect(library.segments[0].path(a.ref.story) < library.segments[0].path(b.ref.story))
                }
            }
            // The library is made so that this is tested at all.
            #expect(tied > 10)
        }
    }

    @Test func aWordTypedWholeIsFoundEvenWhenLongerWordsFillThePrefix() throws {
        // Forty longer words beginning "cat", each in more stories than "cat" itself.
        var stories: [(String, Story)] = []
        for number in 0..<40 {
            let word = "cat" + String(UnicodeScalar(UInt8(97 + number % 26))) + String(UnicodeScalar(UInt8(97 + number / 26)))
            for copy in 0..<3 { stories.append(("long/\(number)-\(copy).txt", SmallLibrary.story("About \(word)", "Text."))) }
        }
        stories.append(("cat.txt", SmallLibrary.story("The cat sat", "On the mat.")))
        try withLibrary([try SmallLibrary(stories: stories).segmentBytes()]) { library in
            #expect(ranking("cat", limit: 200, in: library).contains("cat.txt"))
            // Only the commonest longer words count for the prefix: a cap, not every word.
            #expect(library.search(SearchQuery.parse("cat", asYouType: true), limit: 1).total == SearchLibrary.prefixWords * 3 + 1)
        }
    }

    @Test func aPrefixOfRareAndCommonWordsRanksItsFirstPageAsScoringEveryWordWould() throws {
        // "t" stands for a few rare words and for "the", "to" and "that", which nearly
        // every story holds and which weigh almost nothing: a first page picked without
        // scoring them in full would go wrong here. Thirty "tax" stories of one length
        // differ only in how often they use the common words, so the edge of a page falls
        // among stories that those words alone put in order.
        var stories: [(String, Story)] = []
        for number in 0..<30 {
            let common = Array(repeating: "the", count: number % 4) + Array(repeating: "to", count: number % 3)
            let body = (["tax"] + common + Array(repeating: "word", count: 10 - common.count)).joined(separator: " ")
            stories.append(("tax/\(number).txt", SmallLibrary.story("Story \(number)", body)))
        }
        for number in 0..<20 {
            stories.append(("tram/\(number).txt", SmallLibrary.story("Tram \(number)", "tram tram the to word word")))
        }
        for number in 0..<350 {
            let body = ["the to that word", "the to that", "that the to to", "to that the"][number % 4]
            stories.append(("other/\(number).txt", SmallLibrary.story("Other \(number)", body)))
        }
        try withLibrary([try SmallLibrary(stories: stories).segmentBytes()]) { library in
            for query in ["t", "th", "ta"] {
                let whole = ranking(query, limit: 10_000, in: library)
                let total = library.search(SearchQuery.parse(query, asYouType: true), limit: 10_000).total
                for limit in [1, 5, 10, 25, 40, 60] {
                    #expect(ranking(query, limit: limit, in: library) == Array(whole.prefix(limit)), "\(query), \(limit)")
                    #expect(library.search(SearchQuery.parse(query, asYouType: true), limit: limit).total == total, "\(query)")
                }
            }
            #expect(library.search(SearchQuery.parse("t", asYouType: true), limit: 1).total == 400)
        }
    }

    @Test func readingThroughTheFileFindsWhatReadingInPlaceFinds() throws {
        let bytes = try generated.segmentBytes()
        let reader = CopyingReader(bytes: bytes)
        try withLibrary([bytes]) { inPlace in
            try bytes.withUnsafeBytes { raw in
                let throughReader = SearchLibrary(segments: [try SearchSegment(raw, reader: reader)])
                for query in ["harbour", "c", "bridge city"] {
                    let expected = inPlace.search(SearchQuery.parse(query, asYouType: true), limit: 30)
                    let found = throughReader.search(SearchQuery.parse(query, asYouType: true), limit: 30)
                    #expect(found == expected)
                    #expect(throughReader.paths(of: found.hits) == expected.hits.map { inPlace.segments[0].path($0.ref.story) })
                }
                let document = SearchDocument(story: generated.stories[0].story)
                #expect(throughReader.similar(to: document, path: generated.stories[0].path)
                    == inPlace.similar(to: document, path: generated.stories[0].path))
            }
        }
        #expect(reader.reads.value > 0)
    }

    @Test func aFileThatCannotBeReadFindsNothingRatherThanWrongStories() throws {
        let bytes = try generated.segmentBytes()
        try bytes.withUnsafeBytes { raw in
            let library = SearchLibrary(segments: [try SearchSegment(raw, reader: FailingReader())])
            #expect(library.search(SearchQuery.parse("harbour"), limit: 10).hits.isEmpty)
        }
    }
}

/// Reads from its own copy of a segment's bytes, counting reads.
final class CopyingReader: SegmentReader, @unchecked Sendable {
    let bytes: [UInt8]
    let reads = Counter()
    init(bytes: [UInt8]) { self.bytes = bytes }
    func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) -> Bool {
        guard offset >= 0, offset + buffer.count <= bytes.count else { return false }
        reads.value += 1
        bytes.withUnsafeBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[offset..<offset + buffer.count])) }
        return true
    }
}

final class Counter: @unchecked Sendable {
    var value = 0
}

private struct FailingReader: SegmentReader {
    func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) -> Bool { false }
}
