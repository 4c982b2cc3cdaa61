import BylineCore
import Foundation
import Testing
@testable import BylineStore

/// Marks saved on the list the reader shows after its background check found changes
/// (new, rewritten and removed files laid over the index it started with): the saved
/// file and the next start hold exactly the marks given, whether a story was in the
/// index the reader started with, new, or rewritten since.
@Suite struct MarksAfterCheckTests {
    /// A library of 40 indexed stories, some read, a reader started on it, and then files
    /// changed behind it: 3 new, 2 rewritten, 1 removed. The reader's listing after its
    /// check, and the index it started with.
    func checkedAfterChanges() throws -> (TemporaryLibrary, StoryRows, IndexedListing) {
        let temp = try TemporaryLibrary()
        for n in 0..<40 {
            try temp.writeStory("desk-\(n % 4)/story-\(n).txt", title: "Story \(n)",
                                published: "2024-01-\(String(format: "%02d", n % 28 + 1))T10:00:00Z")
        }
        _ = try temp.library.load()
        let shown = try #require(temp.library.indexedContents()).listing
        let state = temp.library.readingState
        try state.apply([.markRead(shown.id(at: 2)), .markRead(shown.id(at: 7)), .markRead(StoryID("desk-3/story-11.txt")),
                         .star(shown.id(at: 3))])
        _ = try state.load(listedIn: StoryRows(shown))

        for n in 0..<3 { try temp.writeStory("desk-\(n)/late-\(n).txt", title: "Late \(n)", published: "2024-01-1\(n)T12:00:00Z") }
        try temp.writeStory("desk-1/story-5.txt", title: "Story 5, corrected", published: "2024-01-06T10:00:00Z", body: "Longer now.")
        try temp.writeStory("desk-2/story-6.txt", title: "Story 6, corrected", published: "2024-01-07T10:00:00Z", body: "Longer now.")
        try FileManager.default.removeItem(at: temp.folder.appendingPathComponent("desk-3/story-11.txt"))
        let (_, changes) = try temp.library.changes(since: shown)
        #expect(changes.added.count == 3 && changes.changed.count == 2 && changes.removed.count == 1)
        return (temp, StoryRows(shown).applying(changes), shown)
    }

    @Test func everythingMarkedReadButAFewIsWhatTheNextStartShows() throws {
        let (temp, listing, _) = try checkedAfterChanges()
        let before = try temp.library.readingState.load().marks
        let ids = (0..<listing.count).map(listing.id(at:))
        let late = try #require(listing.row(of: StoryID("desk-1/late-1.txt")))
        let corrected = try #require(listing.row(of: StoryID("desk-2/story-6.txt")))
        let unread = [late, corrected, 0, 20]
        // `A`, then `U`-like marks on a few rows, then single marks, saved together.
        var batch = MarkBatch()
        _ = batch.add(StoriesAtRows(listing, rows: RowSet(rows: listing.count, 0..<listing.count)), read: true)
        _ = batch.add(StoriesAtRows(listing, rows: RowSet(rows: listing.count, unread)), read: false)
        batch.add(.star(ids[late]))

        #expect(try temp.library.readingState.apply(batch) == nil)

        // The marks saved before the check stay, a removed story's too.
        var expected = before
        for id in ids { expected.apply(.markRead(id)) }
        for row in unread { expected.apply(.markUnread(ids[row])) }
        expected.apply(.star(ids[late]))
        #expect(try temp.library.readingState.load().marks == expected)
        #expect(try temp.bytes(".byline/reading-state") == ReadingStateFile.encode(expected))
        let next = StoryRows(try #require(temp.library.indexedContents()).listing)
        let started = try temp.library.readingState.load(listedIn: next)
        #expect(Set(started.readRows.members.map(next.id(at:))).union(started.unlistedRead) == expected.read)
        #expect(started.starred == expected.starred)
    }

    @Test func theChangedListingShowsTheStoriesInTheOrderTheNewIndexHasThem() throws {
        let (temp, listing, _) = try checkedAfterChanges()
        let next = StoryRows(try #require(temp.library.indexedContents()).listing)

        #expect(listing.allSummaries == next.allSummaries)
        #expect((0..<listing.count).map { listing.listing.source(at: $0).source } == (0..<next.count).map { next.source(at: $0).source })
        #expect((0..<listing.count).map { listing.listing.withPath(at: $0) { Array($0) } } == (0..<next.count).map { next.listing.withPath(at: $0) { Array($0) } })
    }

    @Test func singleMarksOnNewAndRewrittenStoriesAreKept() throws {
        let (temp, listing, _) = try checkedAfterChanges()
        let late = try #require(listing.row(of: StoryID("desk-0/late-0.txt")))
        let corrected = try #require(listing.row(of: StoryID("desk-1/story-5.txt")))
        var batch = MarkBatch()
        _ = batch.add(StoriesAtRows(listing, rows: RowSet(rows: listing.count, [late, corrected, 1])), read: true)
        batch.add(.markUnread(listing.id(at: 1)))

        #expect(try temp.library.readingState.apply(batch) == nil)

        let marks = try temp.library.readingState.load().marks
        #expect(marks.read.contains(StoryID("desk-0/late-0.txt")) && marks.read.contains(StoryID("desk-1/story-5.txt")))
        #expect(!marks.read.contains(listing.id(at: 1)))
        #expect(try temp.bytes(".byline/reading-state") == ReadingStateFile.encode(marks))
    }

    @Test func aBatchOnTheChangedListingIsSavedAsRowsOfTheIndexTheReaderMaps() throws {
        let (_, listing, shown) = try checkedAfterChanges()
        let late = try #require(listing.row(of: StoryID("desk-2/late-2.txt")))
        var batch = MarkBatch()
        _ = batch.add(StoriesAtRows(listing, rows: RowSet(rows: listing.count, 0..<listing.count)), read: true)
        _ = batch.add(StoriesAtRows(listing, rows: RowSet(rows: listing.count, [late])), read: false)

        let onBase = batch.onBase()

        // Rows of the mapped index, so the save orders them by its path order, not by a sort.
        #expect(onBase.listing.map { sameListing($0.listing, shown) } == true)
        let baseRead = Set(onBase.readRows.members.map(shown.id(at:)))
        let listed = Set((0..<listing.count).map(listing.id(at:)))
        // Every story still in the index and not rewritten is a row; the rest go by id.
        #expect(baseRead == listed.filter { !$0.path.contains("late-") && !["desk-1/story-5.txt", "desk-2/story-6.txt"].contains($0.path) })
        #expect(Set(onBase.byID.filter { $0.value.read == true }.keys) == [StoryID("desk-0/late-0.txt"), StoryID("desk-1/late-1.txt"),
                                                                           StoryID("desk-1/story-5.txt"), StoryID("desk-2/story-6.txt")])
        #expect(onBase.byID[StoryID("desk-2/late-2.txt")]?.read == false)
        #expect(onBase.changes.sorted { "\($0)" < "\($1)" } == batch.changes.sorted { "\($0)" < "\($1)" })
    }
}
