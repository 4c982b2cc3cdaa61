import BylineCore
import Foundation
import Testing
@testable import BylineStore

/// Marks saved by row (`A`, `U`) and in batches: the file written is the one the encoder
/// writes for the same marks, every mark not touched survives, and the guarantees of
/// `apply(_:)` hold (damage set aside, two copies, journal).
@Suite struct MarkBatchTests {
    /// Stories in list order, some paths with bytes that sort and escape unusually.
    static let stories: [StorySummary] = (0..<300).map { n in
        let name = n % 50 == 7 ? "odd\tname \(n)\\.txt" : n % 40 == 3 ? "été/naïve-\(n).txt" : "feed\(n % 7)/story-\(n).txt"
        return StorySummary(id: StoryID(name), title: "Story \(n)")
    }
    let listing = StoryRows(Self.stories)
    /// Read stories no listing holds (removed since, or another copy's).
    let elsewhere = [StoryID("gone/one.txt"), StoryID("zzz/last.txt"), StoryID("Ärger/über.txt")]

    func rows(_ members: some Sequence<Int>) -> StoriesAtRows {
        StoriesAtRows(listing, rows: RowSet(rows: listing.count, members))
    }

    func ids(_ members: some Sequence<Int>) -> [StoryID] { members.map { Self.stories[$0].id } }

    /// Saved marks to start from: listed and unlisted reads, and stars.
    func seeded() throws -> TemporaryLibrary {
        let temp = try TemporaryLibrary()
        let read = ids(stride(from: 0, to: 300, by: 3)) + elsewhere
        try temp.library.readingState.apply(read.map(ReadingChange.markRead) + ids([1, 2, 250]).map(ReadingChange.star)
                                            + [.star(elsewhere[0])])
        return temp
    }

    @Test func aSaveByRowWritesWhatTheEncoderWritesForTheSameMarks() throws {
        let temp = try seeded()
        var expected = try temp.library.readingState.load().marks
        var batch = MarkBatch()
        let added = batch.add(rows(0..<200), read: true)
        batch.add(.markUnread(Self.stories[5].id))
        batch.add(.star(Self.stories[10].id))
        batch.add(.markUnread(elsewhere[1]))
        let addedToo = batch.add(rows(150..<160), read: false)
        #expect(added && addedToo)
        for id in ids(0..<200) { expected.apply(.markRead(id)) }
        for change: ReadingChange in [.markUnread(Self.stories[5].id), .star(Self.stories[10].id), .markUnread(elsewhere[1])] {
            expected.apply(change)
        }
        for id in ids(150..<160) { expected.apply(.markUnread(id)) }

        #expect(try temp.library.readingState.apply(batch) == nil)

        #expect(try temp.bytes(".byline/reading-state") == ReadingStateFile.encode(expected))
        #expect(try temp.library.readingState.load() == LoadedReadingState(marks: expected))
    }

    @Test func markingAListReadAndUnreadKeepsTheMarksOfStoriesItDoesNotList() throws {
        let temp = try seeded()
        let state = temp.library.readingState
        var marked = MarkBatch()
        _ = marked.add(rows(0..<300), read: true)
        try state.apply(marked)
        #expect(try state.load().marks.read == Set(ids(0..<300) + elsewhere))

        var unmarked = MarkBatch()
        _ = unmarked.add(rows(0..<300), read: false)
        try state.apply(unmarked)

        let marks = try state.load().marks
        #expect(marks.read == Set(elsewhere))
        #expect(marks.starred == Set(ids([1, 2, 250]) + [elsewhere[0]]))
    }

    /// Marks join a batch in the order made: each story ends as its last mark says.
    @Test func theLastMarkOfEachStoryWins() throws {
        let temp = try TemporaryLibrary()
        let state = temp.library.readingState
        var batch = MarkBatch()
        batch.add(.markUnread(Self.stories[1].id))  // then `A` marks it read
        _ = batch.add(rows(0..<4), read: true)
        batch.add(.markUnread(Self.stories[2].id))  // `u` after `A`
        _ = batch.add(rows([3]), read: false)
        batch.add(.markRead(Self.stories[9].id))

        try state.apply(batch)

        #expect(try state.load().marks.read == Set(ids([0, 1, 9])))
    }

    @Test func rowsOfAnotherListingStartAnotherBatch() {
        var batch = MarkBatch()
        let first = batch.add(rows([1]), read: true)
        let another = batch.add(StoriesAtRows(StoryRows(Self.stories), rows: RowSet(rows: 300, [2])), read: true)
        #expect(first && !another)
        #expect(batch.changes == [.markRead(Self.stories[1].id)])
    }

    /// The store's own listing names stories by the index's bytes: the same file.
    @Test func rowsOfTheIndexedListingSaveTheSameFile() throws {
        let temp = try TemporaryLibrary()
        for (n, name) in ["b/one.txt", "a/two.txt", "é/three.txt", "c/four.txt"].enumerated() {
            try temp.writeStory(name, title: "Story \(n)", published: "2024-01-0\(n + 1)T10:00:00Z")
        }
        let listing = StoryRows(try temp.library.load().listing)
        let state = temp.library.readingState
        try state.apply([.markRead(StoryID("gone.txt")), .markRead(StoryID("a/two.txt"))])
        var batch = MarkBatch()
        _ = batch.add(StoriesAtRows(listing, rows: RowSet(rows: listing.count, [0, 1, 3])), read: true)

        try state.apply(batch)

        let read = Set([StoryID("gone.txt"), StoryID("a/two.txt")] + [0, 1, 3].map(listing.id(at:)))
        #expect(try temp.bytes(".byline/reading-state") == ReadingStateFile.encode(ReadingMarks(read: read)))
        let loaded = try state.load(listedIn: listing)
        #expect(loaded.readRows == RowSet(rows: listing.count, (0..<listing.count).filter { read.contains(listing.id(at: $0)) }))
        #expect(loaded.unlistedRead == [StoryID("gone.txt")])
    }

    @Test func aDamagedFileIsSetAsideAndItsIntactMarksSavedWithTheRows() throws {
        let temp = try seeded()
        var bytes = try temp.bytes(".byline/reading-state")
        bytes.removeLast(30)  // cut short
        try temp.write(".byline/reading-state", bytes: bytes)
        let intact = try temp.library.readingState.load().marks
        var batch = MarkBatch()
        _ = batch.add(rows([1, 2]), read: true)

        let problem = try temp.library.readingState.apply(batch)

        #expect(problem?.contains("damaged (checksum does not match); kept as ") == true)
        #expect(try temp.library.readingState.load().marks.read == intact.read.union(ids([1, 2])))
        let kept = try FileManager.default.contentsOfDirectory(atPath: temp.folder.appendingPathComponent(".byline").path)
            .filter { $0.hasPrefix("reading-state.damaged-") }
        #expect(kept.count == 1)
    }

    /// A file whose lines are not in order (written by hand, or by another program) is
    /// whole, so nothing is set aside: it is read whole and written in order.
    @Test func aFileOutOfOrderIsReadWholeAndWrittenInOrder() throws {
        let temp = try TemporaryLibrary()
        let body = Array("read\tzzz.txt\nread\taaa.txt\nstarred\tmmm.txt\n".utf8)
        try temp.write(".byline/reading-state", bytes: ReadingStateFile.header(hash: StableHash.of(body)) + body)
        var batch = MarkBatch()
        _ = batch.add(rows([0]), read: true)

        #expect(try temp.library.readingState.apply(batch) == nil)

        let marks = ReadingMarks(read: [StoryID("zzz.txt"), StoryID("aaa.txt"), Self.stories[0].id], starred: [StoryID("mmm.txt")])
        #expect(try temp.bytes(".byline/reading-state") == ReadingStateFile.encode(marks))
    }

    @Test func rowsMarkedAreJournaledForSync() throws {
        let temp = try TemporaryLibrary()
        let state = temp.library.readingState
        try state.startJournal()
        var batch = MarkBatch()
        _ = batch.add(rows(0..<20), read: true)
        batch.add(.star(Self.stories[30].id))

        try state.apply(batch)

        let pending = try state.pendingMarks()
        #expect(Set(pending.entries.keys) == Set(ids(0..<20) + [Self.stories[30].id]))
        #expect(pending.entries[Self.stories[3].id] == MarkJournal.Pending(read: true))
    }

    @Test func twoCopiesSavingByRowAndByIDAtOnceLoseNothing() throws {
        let temp = try TemporaryLibrary()
        let folder = temp.library.stateFolder
        DispatchQueue.concurrentPerform(iterations: 4) { writer in
            let state = ReadingState(stateFolder: folder)
            for round in 0..<10 {
                if writer % 2 == 0 {
                    var batch = MarkBatch()
                    _ = batch.add(rows((0..<300).filter { $0 % 20 == writer * 5 + round }), read: true)
                    _ = try? state.apply(batch)
                } else {
                    _ = try? state.apply(.markRead(StoryID("copy\(writer)/\(round).txt")))
                }
            }
        }

        let read = try ReadingState(stateFolder: folder).load().marks.read
        // Writers 0 and 2 marked rows 0-9 and 10-19 of every twenty between them: all.
        #expect(read == Set(ids(0..<300) + [1, 3].flatMap { writer in (0..<10).map { StoryID("copy\(writer)/\($0).txt") } }))
    }

    @Test func theReaderLoadsReadMarksByRowAndADamagedFileAsLoadDoes() throws {
        let temp = try seeded()
        let state = temp.library.readingState
        let loaded = try state.load(listedIn: listing)
        #expect(loaded.readRows == RowSet(rows: 300, stride(from: 0, to: 300, by: 3)))
        #expect(loaded.unlistedRead == Set(elsewhere))
        #expect(loaded.starred == Set(ids([1, 2, 250]) + [elsewhere[0]]))
        #expect(loaded.problem == nil)

        try temp.write(".byline/reading-state", bytes: Array(try temp.bytes(".byline/reading-state").dropLast(10)))
        let damaged = try state.load(listedIn: listing)
        #expect(damaged == ListedReadingState(try state.load(), listing: listing))
        #expect(damaged.problem?.contains("damaged") == true)
    }
}
