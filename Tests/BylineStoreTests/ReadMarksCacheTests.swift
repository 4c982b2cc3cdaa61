import BylineCore
import Foundation
import Testing
@testable import BylineStore

/// The read marks by row cached in `.byline/read-rows`: a start from it shows exactly the
/// marks a start without it shows, and a cache that no longer matches the index or the
/// reading state, or is damaged, is never believed.
@Suite struct ReadMarksCacheTests {
    /// A library of 40 indexed stories with read, unlisted read and starred marks saved.
    func seeded() throws -> TemporaryLibrary {
        let temp = try TemporaryLibrary()
        for n in 0..<40 {
            try temp.writeStory("desk-\(n % 4)/story-\(n).txt", title: "Story \(n)",
                                published: "2024-01-\(String(format: "%02d", n % 28 + 1))T10:00:00Z")
        }
        _ = try temp.library.load()
        let listing = try shown(temp)
        let read = stride(from: 0, to: 40, by: 3).map(listing.id(at:)) + [StoryID("gone/old.txt")]
        try temp.library.readingState.apply(read.map(ReadingChange.markRead)
                                            + [.star(listing.id(at: 4)), .star(StoryID("gone/starred.txt"))])
        return temp
    }

    /// The listing the reader starts on: the index as mapped.
    func shown(_ temp: TemporaryLibrary) throws -> StoryRows {
        StoryRows(try #require(temp.library.indexedContents()).listing)
    }

    /// The marks by row as the slow, exact way gives them: every saved id looked up.
    func exact(_ temp: TemporaryLibrary, _ listing: StoryRows) throws -> ListedReadingState {
        ListedReadingState(try temp.library.readingState.load(), listing: listing)
    }

    var cachePath: String { ".byline/read-rows" }

    func cacheExists(_ temp: TemporaryLibrary) -> Bool {
        FileManager.default.fileExists(atPath: temp.folder.appendingPathComponent(cachePath).path)
    }

    @Test func aStartFromTheCacheShowsTheSameReadAndStarredStoriesAsAStartWithout() throws {
        let temp = try seeded()
        let listing = try shown(temp)
        let slow = try temp.library.readingState.load(listedIn: listing)
        #expect(cacheExists(temp))
        let cached = try temp.library.readingState.load(listedIn: try shown(temp))

        #expect(cached == slow)
        #expect(cached == (try exact(temp, listing)))
        #expect(cached.readRows.count == 14)
        #expect(cached.unlistedRead == [StoryID("gone/old.txt")])
        #expect(cached.starred == [listing.id(at: 4), StoryID("gone/starred.txt")])
    }

    @Test func theCacheIsBelievedWhileBothFilesAreTheOnesItWasMadeFrom() throws {
        let temp = try seeded()
        let listing = try shown(temp)
        _ = try temp.library.readingState.load(listedIn: listing)
        // A cache saying other marks under the same key is what a start shows: proof that
        // the start read it (the cache is trusted only while its key holds).
        let file = open(temp.library.readingState.path, O_RDONLY)
        defer { close(file) }
        let index = try #require(listing.listing as? IndexedListing)
        let header = try #require(try temp.bytes(".byline/reading-state").split(separator: 10).first)
        let checksum = try #require(ReadingStateFile.checksum(ofHeader: header))
        let key = try #require(ReadMarksCache.Key(index: index, readingState: file, bodyChecksum: checksum))
        let other = ListedReadingState(readRows: RowSet(rows: listing.count, [7]))
        ReadMarksCache.save(other, key: key, to: temp.library.readingState.readRowsPath)

        #expect(try temp.library.readingState.load(listedIn: try shown(temp)) == other)
    }

    @Test func marksSavedSinceByThisOrAnotherCopyAreShown() throws {
        let temp = try seeded()
        let listing = try shown(temp)
        _ = try temp.library.readingState.load(listedIn: listing)
        // Another running copy (or this reader, before it quit) saves marks.
        let another = ReadingState(stateFolder: temp.library.stateFolder)
        try another.apply([.markUnread(listing.id(at: 0)), .markRead(listing.id(at: 1)), .unstar(listing.id(at: 4))])

        let loaded = try temp.library.readingState.load(listedIn: try shown(temp))
        #expect(loaded == (try exact(temp, listing)))
        #expect(!loaded.readRows.contains(0) && loaded.readRows.contains(1))
        #expect(loaded.starred == [StoryID("gone/starred.txt")])
    }

    @Test func marksSavedByRowInASessionSurviveTheNextStart() throws {
        let temp = try seeded()
        let listing = try shown(temp)
        _ = try temp.library.readingState.load(listedIn: listing)
        var batch = MarkBatch()
        _ = batch.add(StoriesAtRows(listing, rows: RowSet(rows: listing.count, 0..<40)), read: true)
        try temp.library.readingState.apply(batch)

        let loaded = try temp.library.readingState.load(listedIn: try shown(temp))
        #expect(loaded.readRows.count == 40)
        #expect(loaded == (try exact(temp, listing)))
    }

    @Test func aFetchThatRewroteTheIndexPutsTheMarksOnTheirNewRows() throws {
        let temp = try seeded()
        let before = try shown(temp)
        _ = try temp.library.readingState.load(listedIn: before)
        // New stories sort in among the old ones: every later row moves.
        for n in 0..<5 {
            try temp.writeStory("desk-0/new-\(n).txt", title: "New \(n)", published: "2024-01-1\(n)T12:00:00Z")
        }
        _ = try temp.library.load()
        let after = try shown(temp)
        #expect(after.count == 45)

        let loaded = try temp.library.readingState.load(listedIn: after)
        #expect(loaded == (try exact(temp, after)))
        #expect(loaded.readRows.count == 14)
    }

    @Test func aDamagedCacheIsNotBelieved() throws {
        let temp = try seeded()
        let listing = try shown(temp)
        let slow = try temp.library.readingState.load(listedIn: listing)
        var bytes = try temp.bytes(cachePath)
        // One row's bit flipped: the checksum no longer matches.
        bytes[ReadMarksCache.magic.count + 8 * (ReadMarksCache.Key.count + 1)] ^= 0b10
        try temp.write(cachePath, bytes: bytes)
        #expect(try temp.library.readingState.load(listedIn: try shown(temp)) == slow)
        // Cut short, or not a cache at all.
        try temp.write(cachePath, bytes: Array(bytes.prefix(40)))
        #expect(try temp.library.readingState.load(listedIn: try shown(temp)) == slow)
        try temp.write(cachePath, "read\tdesk-0/story-1.txt\n")
        #expect(try temp.library.readingState.load(listedIn: try shown(temp)) == slow)
    }

    @Test func aCacheOfAnotherRowCountIsNotBelieved() throws {
        let marks = ListedReadingState(readRows: RowSet(rows: 100, [1, 64, 99]), unlistedRead: [StoryID("a.txt")],
                                       starred: [StoryID("b/c.txt")])
        let key = ReadMarksCache.Key(numbers: Array(1...UInt64(ReadMarksCache.Key.count)))
        let bytes = ReadMarksCache.encode(marks, key: key)

        #expect(ReadMarksCache.decode(bytes, key: key, rows: 100) == marks)
        #expect(ReadMarksCache.decode(bytes, key: key, rows: 99) == nil)
        #expect(ReadMarksCache.decode(bytes, key: key, rows: 101) == nil)
        var otherKey = key
        otherKey.numbers[5] += 1
        #expect(ReadMarksCache.decode(bytes, key: otherKey, rows: 100) == nil)
    }

    @Test func aDamagedReadingStateIsReportedEvenWithACache() throws {
        let temp = try seeded()
        let listing = try shown(temp)
        _ = try temp.library.readingState.load(listedIn: listing)
        try temp.write(".byline/reading-state", bytes: Array(try temp.bytes(".byline/reading-state").dropLast(10)))

        let damaged = try temp.library.readingState.load(listedIn: try shown(temp))
        #expect(damaged.problem != nil)
        #expect(damaged == (try exact(temp, listing)))
    }

    // MARK: - Kept current by saves

    /// The cache a start would find for the index and reading state on disk now; nil
    /// when the cache there is not current (a start then reads the marks the exact way).
    func currentCache(_ temp: TemporaryLibrary) throws -> ListedReadingState? {
        let index = try #require(IndexedListing.open(temp.library.indexPath).listing)
        let file = open(temp.library.readingState.path, O_RDONLY)
        defer { close(file) }
        let checksum = try #require(ReadingState.bodyChecksum(of: file))
        let key = try #require(ReadMarksCache.Key(index: index, readingState: file, bodyChecksum: checksum))
        return ReadMarksCache.load(from: temp.library.readingState.readRowsPath, key: key, rows: index.count)
    }

    /// A session: the reader starts (taking or making the cache), saves `batch`, quits.
    func session(_ temp: TemporaryLibrary, _ mark: (StoryRows, inout MarkBatch) -> Void) throws {
        let listing = try shown(temp)
        _ = try temp.library.readingState.load(listedIn: listing)
        var batch = MarkBatch()
        mark(listing, &batch)
        #expect(try temp.library.readingState.apply(batch) == nil)
    }

    @Test func aStartAfterASessionThatMarkedEverythingReadTakesTheCache() throws {
        let temp = try seeded()
        try session(temp) { listing, batch in
            _ = batch.add(StoriesAtRows(listing, rows: RowSet(rows: listing.count, 0..<listing.count)), read: true)
        }

        let listing = try shown(temp)
        let cached = try #require(try currentCache(temp))
        #expect(cached == (try exact(temp, listing)))
        #expect(cached.readRows.count == 40)
        #expect(cached.unlistedRead == [StoryID("gone/old.txt")])
        #expect(try temp.library.readingState.load(listedIn: listing) == cached)
    }

    @Test func aStartAfterASessionOfSingleMarksTakesTheCache() throws {
        let temp = try seeded()
        try session(temp) { listing, batch in
            batch.add(.markRead(listing.id(at: 1)))
            batch.add(.markUnread(listing.id(at: 3)))
            batch.add(.star(listing.id(at: 5)))
            batch.add(.unstar(listing.id(at: 4)))
            batch.add(.markRead(StoryID("elsewhere/new.txt")))
            batch.add(.markUnread(StoryID("gone/old.txt")))
        }

        let listing = try shown(temp)
        let cached = try #require(try currentCache(temp))
        #expect(cached == (try exact(temp, listing)))
        #expect(cached.readRows.contains(1) && !cached.readRows.contains(3))
        #expect(cached.unlistedRead == [StoryID("elsewhere/new.txt")])
        #expect(cached.starred == [listing.id(at: 5), StoryID("gone/starred.txt")])
    }

    @Test func aSessionsFirstMarksMakeTheCacheWhenThereWasNone() throws {
        let temp = try TemporaryLibrary()
        for n in 0..<10 { try temp.writeStory("desk/story-\(n).txt", title: "Story \(n)") }
        _ = try temp.library.load()
        // No reading state yet, so no cache: the first save makes both.
        var batch = MarkBatch()
        let listing = try shown(temp)
        _ = batch.add(StoriesAtRows(listing, rows: RowSet(rows: 10, [1, 2])), read: true)
        batch.add(.star(listing.id(at: 3)))
        try temp.library.readingState.apply(batch)

        #expect(try currentCache(temp) == (try exact(temp, listing)))
    }

    @Test func aSaveByAnotherCopyAfterTheSessionMakesTheCacheStale() throws {
        let temp = try seeded()
        try session(temp) { listing, batch in
            _ = batch.add(StoriesAtRows(listing, rows: RowSet(rows: listing.count, 0..<listing.count)), read: true)
        }
        // Another running copy saves a mark the way that keeps no cache (by id).
        let listing = try shown(temp)
        try ReadingState(stateFolder: temp.library.stateFolder).apply(.markUnread(listing.id(at: 6)))

        #expect(try currentCache(temp) == nil)
        let loaded = try temp.library.readingState.load(listedIn: try shown(temp))
        #expect(loaded == (try exact(temp, listing)))
        #expect(!loaded.readRows.contains(6) && loaded.readRows.count == 39)
    }

    @Test func aSaveByAnotherCopyDuringTheSessionIsKeptInTheCache() throws {
        let temp = try seeded()
        let listing = try shown(temp)
        _ = try temp.library.readingState.load(listedIn: listing)
        // Another copy saves by id (no cache kept), then this reader saves `A`: the cache
        // is made afresh from the file, the other copy's mark with it.
        try ReadingState(stateFolder: temp.library.stateFolder).apply(.star(listing.id(at: 9)))
        var batch = MarkBatch()
        _ = batch.add(StoriesAtRows(listing, rows: RowSet(rows: listing.count, 0..<20)), read: true)
        try temp.library.readingState.apply(batch)

        let cached = try #require(try currentCache(temp))
        #expect(cached == (try exact(temp, listing)))
        #expect(cached.starred.contains(listing.id(at: 9)))
    }

    @Test func aFetchThatRewroteTheIndexDuringTheSessionLeavesACacheOfTheNewIndex() throws {
        let temp = try seeded()
        let before = try shown(temp)
        _ = try temp.library.readingState.load(listedIn: before)
        for n in 0..<3 { try temp.writeStory("desk-1/new-\(n).txt", title: "New \(n)", published: "2024-01-15T12:00:00Z") }
        _ = try temp.library.load()
        // `A` over the rows of the listing the session started with, then a single mark.
        var batch = MarkBatch()
        _ = batch.add(StoriesAtRows(before, rows: RowSet(rows: before.count, 0..<10)), read: true)
        try temp.library.readingState.apply(batch)
        try temp.library.readingState.apply({ var single = MarkBatch(); single.add(.markRead(before.id(at: 30))); return single }())

        let after = try shown(temp)
        #expect(after.count == 43)
        let cached = try #require(try currentCache(temp))
        #expect(cached == (try exact(temp, after)))
    }

    @Test func aFetchAfterTheSessionMakesTheCacheStale() throws {
        let temp = try seeded()
        try session(temp) { listing, batch in
            _ = batch.add(StoriesAtRows(listing, rows: RowSet(rows: listing.count, 0..<listing.count)), read: true)
        }
        try temp.writeStory("desk-2/late.txt", title: "Late", published: "2024-01-20T12:00:00Z")
        _ = try temp.library.load()

        #expect(try currentCache(temp) == nil)
        let after = try shown(temp)
        let loaded = try temp.library.readingState.load(listedIn: after)
        #expect(loaded == (try exact(temp, after)))
        #expect(loaded.readRows.count == 40)
    }

    @Test func aSaveOverADamagedFileLeavesACacheOfWhatItSaved() throws {
        let temp = try seeded()
        let listing = try shown(temp)
        _ = try temp.library.readingState.load(listedIn: listing)
        try temp.write(".byline/reading-state", bytes: Array(try temp.bytes(".byline/reading-state").dropLast(10)))
        var batch = MarkBatch()
        _ = batch.add(StoriesAtRows(listing, rows: RowSet(rows: listing.count, [1, 2])), read: true)

        #expect(try temp.library.readingState.apply(batch) != nil)

        let cached = try #require(try currentCache(temp))
        #expect(cached == (try exact(temp, listing)))
        #expect(cached.problem == nil)
    }
}
