import BylineCore
import Foundation
import Testing
@testable import BylineStore
import StorySearch

/// The search index on disk: built from the files, kept current by writers, rebuilt when
/// damaged, never in the way.
@Suite struct SearchIndexTests {
    private func titles(_ index: SearchIndex, _ query: String) -> [String] {
        index.search(query, limit: 10).stories.map(\.title)
    }

    private func library() throws -> TemporaryLibrary {
        let temp = try TemporaryLibrary()
        try temp.writeStory("a/rail.txt", title: "Council approves rail link", published: "2024-03-02T10:00:00Z",
                            body: "The new rail link runs north. Work starts in spring.")
        try temp.writeStory("b/cafe.txt", title: "Le café de la gare rouvre", body: "Les habitants de Genève fêtent.")
        try temp.write("c/plain.txt", "Fast News\n\nHarbour cranes arrive after long talks. The port grows.\n")
        return temp
    }

    @Test func theFirstSearchBuildsTheIndexFromTheFiles() throws {
        let temp = try library()
        let index = try SearchIndex.upToDate(temp.library)
        #expect(index.count == 3)
        #expect(titles(index, "rail") == ["Council approves rail link"])
        #expect(titles(index, "GENEVE cafe") == ["Le café de la gare rouvre"])
        // A headerless file is read by the full parser: its derived headline is found.
        #expect(titles(index, "harbour cranes").count == 1)
        #expect(FileManager.default.fileExists(atPath: temp.folder.appendingPathComponent(".byline/search-base").path))
    }

    @Test func aSavedStoryIsFoundWithoutLookingAtTheFolderAgain() throws {
        let temp = try library()
        _ = try SearchIndex.upToDate(temp.library)
        let story = Story(title: "Wind farm approved", source: "Example", url: "https://example.org/wind",
                          body: [.paragraph("Turbines rise offshore.")])
        let id = try temp.library.save(story, fileName: StoryFileName.forStory(story))

        let index = try #require(try? SearchIndex.open(temp.library).get())
        #expect(titles(index, "turbines") == ["Wind farm approved"])
        #expect(index.search("turbines", limit: 1).stories.first?.id == id)
        #expect(index.count == 4)
    }

    @Test func storiesSavedByARunOfWritesAreFoundWhenTheRunEnds() throws {
        // Fetch and sync save feed by feed and index the run once: the search index follows then.
        let temp = try library()
        _ = try SearchIndex.upToDate(temp.library)
        let pending = PendingIndex()
        let story = Story(title: "Ferry timetable changes", source: "Harbour Post", url: "https://example.org/ferry",
                          body: [.paragraph("Crossings to the islands double in summer.")])
        let file = Array(StoryFileWriter.write(story).utf8)
        let ids = try temp.library.save(files: [(file, fileName: StoryFileName.forStory(story))], pending: pending)
        try pending.index(into: temp.library)

        let index = try #require(try? SearchIndex.open(temp.library).get())
        #expect(index.search("crossings islands", limit: 5).stories.map(\.id) == ids)
        #expect(index.count == 4)
    }

    @Test func aLongRunOfWritesIndexesAsItGoes() throws {
        // A cold fetch of thousands of stories does not hold them all until it ends: once
        // the run holds `indexEvery` of them they are in both indexes, and a reader opened
        // meanwhile lists and finds them.
        let temp = try library()
        _ = try temp.library.load()
        _ = try SearchIndex.upToDate(temp.library)
        let pending = PendingIndex(indexEvery: 2)
        func file(_ title: String, _ text: String) -> (bytes: [UInt8], fileName: String) {
            let story = Story(title: title, source: "Harbour Post", url: "https://example.org/\(title.count)",
                              body: [.paragraph(text)])
            return (Array(StoryFileWriter.write(story).utf8), StoryFileName.forStory(story))
        }
        let first = try temp.library.save(files: [file("Ferry timetable changes", "Crossings double in summer.")],
                                          pending: pending)
        // One story held: below the mark, not indexed yet.
        #expect(try #require(IndexedListing.open(temp.library.indexPath).listing).count == 3)
        let second = try temp.library.save(files: [file("Lighthouse repainted", "Keepers choose red stripes.")],
                                           pending: pending)
        let listing = try #require(IndexedListing.open(temp.library.indexPath).listing)
        #expect(listing.count == 5)
        #expect(Set((0..<listing.count).map { listing.id(at: $0) }).isSuperset(of: first + second))
        let index = try #require(try? SearchIndex.open(temp.library).get())
        #expect(index.search("stripes", limit: 5).stories.map(\.id) == second)
        #expect(index.search("crossings", limit: 5).stories.map(\.id) == first)
        // The end of the run has nothing left to add.
        try pending.index(into: temp.library)
        #expect(try #require(IndexedListing.open(temp.library.indexPath).listing).count == 5)
    }

    @Test func removedStoriesAreDroppedAndRestoredOnesFoundAgain() throws {
        let temp = try library()
        _ = try SearchIndex.upToDate(temp.library)
        let story = Story(title: "Tram line opens", body: [.paragraph("Trams reach the stadium.")])
        let id = try temp.library.save(story, fileName: StoryFileName.forStory(story))
        // `d` and `U` (and retention, and `byline clean`) come through these two: they
        // keep the search index current themselves, with no check of the folder after.
        try temp.library.remove(id, keepForUndo: true)
        #expect(titles(try #require(try? SearchIndex.open(temp.library).get()), "stadium") == [])
        try temp.library.restore(id)
        #expect(titles(try #require(try? SearchIndex.open(temp.library).get()), "stadium") == ["Tram line opens"])
    }

    @Test func aCommandTrustsTheIndexUntilAFolderChanges() throws {
        let temp = try library()
        _ = try SearchIndex.upToDate(temp.library)
        // Written behind the index's back, in a folder it has seen: the folder is newer now.
        try temp.writeStory("a/bridge.txt", title: "Bridge reopens", body: "Traffic flows again.")
        #expect(titles(try SearchIndex.current(temp.library), "bridge") == ["Bridge reopens"])
    }

    @Test func aCommandFindsAStoryInANewSubFolder() throws {
        let temp = try library()
        _ = try SearchIndex.upToDate(temp.library)
        _ = try SearchIndex.current(temp.library)  // trusted: nothing changed
        // Two levels down: only the known folder `a` changes, by the new folder in it.
        try temp.writeStory("a/new/deeper/bridge.txt", title: "Bridge reopens", body: "Traffic flows again.")
        #expect(titles(try SearchIndex.current(temp.library), "bridge") == ["Bridge reopens"])
        try temp.writeStory("e/ferry.txt", title: "Ferry returns", body: "Crossings resume.")
        #expect(titles(try SearchIndex.current(temp.library), "ferry") == ["Ferry returns"])
    }

    @Test func aCommandFindsAStoryReplacedInItsFolder() throws {
        let temp = try library()
        _ = try SearchIndex.upToDate(temp.library)
        _ = try SearchIndex.current(temp.library)
        // As Byline and most editors save: a new file renamed over the old one.
        let story = temp.folder.appendingPathComponent("a/rail.txt")
        try Data("Title: Council scraps rail link\n\nTrams instead.\n".utf8).write(to: story, options: .atomic)
        let index = try SearchIndex.current(temp.library)
        #expect(titles(index, "scraps") == ["Council scraps rail link"])
        #expect(titles(index, "approves") == [])
    }

    @Test func aStoryRewrittenInPlaceIsFoundByTheReadersCheck() throws {
        let temp = try library()
        let listing = try temp.library.load().listing
        _ = try SearchIndex.upToDate(temp.library, listing: listing, checked: CheckTime.now())
        // The same file written over, its folder untouched (as `>` in a shell does).
        try temp.writeStory("a/rail.txt", title: "Council scraps rail link", body: "Trams instead, at greater length.")
        let checked = CheckTime.now()
        let index = try SearchIndex.upToDate(temp.library, listing: try temp.library.load().listing, checked: checked)
        #expect(titles(index, "scraps") == ["Council scraps rail link"])
    }

    @Test func anIndexKeptOpenIsCurrentUntilAWriterReplacesItsFiles() throws {
        let temp = try library()
        let index = try SearchIndex.upToDate(temp.library)
        #expect(index.isStillOnDisk)
        #expect(try #require(try? SearchIndex.open(temp.library).get()).isStillOnDisk)
        let story = Story(title: "Wind farm approved", body: [.paragraph("Turbines rise offshore.")])
        try temp.library.save(story, fileName: StoryFileName.forStory(story))
        // The save wrote a recent file: the index read before it no longer answers for the library.
        #expect(!index.isStillOnDisk)
        let reopened = try #require(try? SearchIndex.open(temp.library).get())
        #expect(reopened.isStillOnDisk)
        #expect(titles(reopened, "turbines") == ["Wind farm approved"])
    }

    @Test func aBuildOfManyPartsFindsWhatOneBatchWould() throws {
        // Enough stories for several workers; every story must be found by its own word.
        let temp = try TemporaryLibrary()
        for number in 0..<1_100 {
            try temp.writeStory("s\(number % 7)/story\(number).txt", title: "Story \(number)",
                                body: "Common words here. Marker\(number) appears once.")
        }
        let index = try SearchIndex.build(temp.library)
        #expect(index.count == 1_100)
        for number in [0, 1, 549, 550, 1_099] {
            #expect(titles(index, "marker\(number)") == ["Story \(number)"])
        }
        #expect(index.search("common", limit: 1).total == 1_100)
    }

    @Test func aBuildThatStampsFilesAsItReadsThemIsFoundCurrentByTheNextCheck() throws {
        // A first build lists the folder without a `stat` of each file and stamps each as
        // it reads it: a check of every file right after must find nothing to index again.
        let temp = try library()
        let built = try SearchIndex.upToDate(temp.library)
        let generation = built.stories.segments[0].generation
        for check in [{ try SearchIndex.upToDate(temp.library) },
                      { try SearchIndex.upToDate(temp.library, listing: temp.library.load().listing, checked: CheckTime.now()) }] {
            let index = try check()
            #expect(index.stories.segments.count == 1)
            #expect(index.stories.segments[0].generation == generation)
            #expect(index.count == 3)
        }
        #expect(!FileManager.default.fileExists(atPath: temp.folder.appendingPathComponent(".byline/search-recent").path))
    }

    @Test func theReadersCheckBuildsTheIndexFromTheStoryIndexRows() throws {
        // The check builds from the story index's rows, listed newest first: not in path
        // order, and the search index must hold every story all the same.
        let temp = try TemporaryLibrary()
        for number in 0..<40 {
            try temp.writeStory("s\(number % 3)/story\(number).txt", title: "Story \(number)",
                                published: "2024-03-\(String(format: "%02d", 1 + (number * 7) % 28))T10:00:00Z",
                                body: "Common words here. Marker\(number) appears once.")
        }
        let contents = try temp.library.load()
        let index = try SearchIndex.upToDate(temp.library, listing: contents.listing, checked: CheckTime.now())
        #expect(index.count == 40)
        for number in 0..<40 {
            #expect(titles(index, "marker\(number)") == ["Story \(number)"])
        }
        #expect(index.search("common", limit: 1).total == 40)
    }

    @Test func theReadersCheckRebuildsABaseWrittenBeforeStoredPrefixesOnce() throws {
        let temp = try TemporaryLibrary()
        for number in 0..<20 {
            try temp.writeStory("s/story\(number).txt", title: "Story \(number)", body: "Common words. Marker\(number).")
        }
        let contents = try temp.library.load()
        _ = try SearchIndex.upToDate(temp.library, listing: contents.listing, checked: CheckTime.now())
        // The base as an older Byline wrote it: the same stories, no stored prefixes.
        let built = try #require(try? SearchIndex.open(temp.library).get())
        #expect(built.stories.segments[0].storesQuickPrefixes)
        var builder = SearchSegmentBuilder()
        SearchIndex.add((0..<20).map { (path: "s/story\($0).txt", stamp: FileStamp?.none) }.sorted { $0.path < $1.path },
                        to: &builder, library: temp.library)
        let old = try builder.write(to: SegmentBytes(), generation: 7, quick: .none).bytes
        try Data(old).write(to: URL(fileURLWithPath: SearchIndex.basePath(temp.library)))
        let before = try #require(try? SearchIndex.open(temp.library).get())
        #expect(!before.stories.segments[0].storesQuickPrefixes)
        #expect(titles(before, "marker3") == ["Story 3"])

        let checked = try SearchIndex.upToDate(temp.library, listing: contents.listing, checked: CheckTime.now())
        #expect(checked.stories.segments[0].storesQuickPrefixes)
        #expect(checked.count == 20)
        #expect(titles(checked, "marker3") == ["Story 3"])
        #expect(checked.search("common", limit: 1).total == 20)
    }

    @Test func aCheckAndASearchAskingAtOnceBothGetTheIndex() throws {
        // The reader's folder check and its first search both find no index: whichever
        // waits for the other's build uses it rather than failing or building again.
        let temp = try library()
        let library = temp.library
        let listing = try library.load().listing
        let counts = Locked<[Int]>([])
        DispatchQueue.concurrentPerform(iterations: 2) { asker in
            let index = asker == 0
                ? try? SearchIndex.upToDate(library, listing: listing, checked: CheckTime.now())
                : try? SearchIndex.upToDate(library)
            counts.update { $0.append(index?.count ?? -1) }
        }
        #expect(counts.value == [3, 3])
        #expect(titles(try SearchIndex.current(temp.library), "rail") == ["Council approves rail link"])
    }

    @Test func changedAndRemovedFilesAreFollowed() throws {
        let temp = try library()
        _ = try SearchIndex.upToDate(temp.library)
        try temp.writeStory("a/rail.txt", title: "Council scraps rail link", body: "Plans end. More trams instead.")
        try FileManager.default.removeItem(at: temp.folder.appendingPathComponent("b/cafe.txt"))

        let index = try SearchIndex.upToDate(temp.library)
        #expect(titles(index, "rail") == ["Council scraps rail link"])
        #expect(titles(index, "approves") == [])
        #expect(titles(index, "cafe") == [])
        #expect(index.count == 2)
    }

    @Test func aDamagedIndexIsRebuiltNeverFatal() throws {
        let temp = try library()
        _ = try SearchIndex.upToDate(temp.library)
        let base = temp.folder.appendingPathComponent(".byline/search-base")
        var bytes = Array(try Data(contentsOf: base))
        bytes[30] ^= 0x5A
        try Data(bytes).write(to: base)
        guard case .failure(.damaged) = SearchIndex.open(temp.library) else {
            Issue.record("a damaged index opened")
            return
        }
        #expect(titles(try SearchIndex.upToDate(temp.library), "rail") == ["Council approves rail link"])

        try Data("not an index".utf8).write(to: base)
        #expect(titles(try SearchIndex.upToDate(temp.library), "cafe") == ["Le café de la gare rouvre"])
    }

    @Test func anIndexInTheFormerLayoutIsBuiltAgainOnceByACommand() throws {
        let temp = try library()
        _ = try SearchIndex.upToDate(temp.library)
        let base = temp.folder.appendingPathComponent(".byline/search-base")
        // Version 1 had no story words column: read as damaged, so built again.
        var bytes = Array(try Data(contentsOf: base))
        bytes.replaceSubrange(8..<12, with: [1, 0, 0, 0])
        try Data(bytes).write(to: base)
        guard case .failure(.damaged(let reason)) = SearchIndex.open(temp.library) else {
            Issue.record("an index of the former layout opened")
            return
        }
        #expect(reason == "search index version 1, expected 2")
        #expect(titles(try SearchIndex.current(temp.library), "rail") == ["Council approves rail link"])
        guard case .success = SearchIndex.open(temp.library) else {
            Issue.record("the index was not built again")
            return
        }
    }

    @Test func aRecentFileLeftFromAnOlderBaseIsIgnored() throws {
        let temp = try library()
        _ = try SearchIndex.upToDate(temp.library)
        let story = Story(title: "Wind farm approved", body: [.paragraph("Turbines rise offshore.")])
        try temp.library.save(story, fileName: StoryFileName.forStory(story))
        let recent = temp.folder.appendingPathComponent(".byline/search-recent")
        let leftOver = try Data(contentsOf: recent)
        // A new base (as a merge writes), then the old recent file put back as a crash
        // between the two renames would leave it.
        _ = try SearchIndex.build(temp.library)
        try leftOver.write(to: recent)

        let index = try #require(try? SearchIndex.open(temp.library).get())
        #expect(index.count == 4)
        #expect(titles(index, "turbines") == ["Wind farm approved"])
    }

    @Test func phrasesAreCheckedAgainstTheStoryText() throws {
        let temp = try library()
        let index = try SearchIndex.upToDate(temp.library)
        #expect(titles(index, #""rail link""#) == ["Council approves rail link"])
        #expect(titles(index, #""link rail""#) == [])
    }

    @Test func leftoverTemporaryFilesAreCleanedUpByTheNextBuild() throws {
        let temp = try library()
        try FileManager.default.createDirectory(at: temp.folder.appendingPathComponent(".byline"), withIntermediateDirectories: true)
        let leftover = temp.folder.appendingPathComponent(".byline/.search-part-3")
        try Data("half".utf8).write(to: leftover)
        _ = try SearchIndex.build(temp.library)
        #expect(!FileManager.default.fileExists(atPath: leftover.path))
    }

    @Test func moreOnThisLeavesTheStoryItselfOut() throws {
        let temp = try library()
        try temp.writeStory("d/rail2.txt", title: "Rail strike ends", body: "Rail workers return. The rail link plans wait.")
        let index = try SearchIndex.upToDate(temp.library)
        let story = try temp.library.story(StoryID("a/rail.txt")).get()
        let similar = index.similar(to: story, id: StoryID("a/rail.txt"))
        #expect(similar.first?.id == StoryID("d/rail2.txt"))
        #expect(!similar.contains { $0.id == StoryID("a/rail.txt") })
    }

    /// A story from outside the library (`byline similar FILE` of a file not indexed) is
    /// not among the holders of its own words: a rare word it shares with just one
    /// library story is evidence, and finds that story.
    @Test func moreOnThisOfAStoryOutsideFindsTheOneStorySharingARareWord() throws {
        let temp = try library()
        try temp.writeStory("d/funicular.txt", title: "Hill line reopens", body: "The funicular climbs again.")
        let index = try SearchIndex.upToDate(temp.library)
        let outside = Story(title: "Mountain trip", body: [.paragraph("We rode a funicular.")])
        let similar = index.similar(to: outside, id: StoryID("/elsewhere/trip.txt"))
        #expect(similar.map(\.id) == [StoryID("d/funicular.txt")])
    }
}
