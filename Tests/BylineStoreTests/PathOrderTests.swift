import BylineCore
import Foundation
import Testing
@testable import BylineStore

/// The index's rows in path order (`IndexLayout`), kept by every writer of the index, and
/// what it is for: a save of marks by row writes the very file the encoder writes, with
/// an index from any writer, from an older Byline without the order, or with the order
/// damaged.
@Suite struct PathOrderTests {
    /// How the index came to be.
    enum Writer: CaseIterable, Sendable {
        /// Built from the files alone (`FreshIndex`).
        case freshBuild
        /// Merged by a check that found files added and changed (`IndexWriter.merging`).
        case checkAfterChanges
        /// Updated as fetched stories were saved (`Library.updateIndex`).
        case fetch
        /// Updated as saved stories were removed.
        case removal
        /// Written by an older Byline (version 2): no path order.
        case versionTwo
        /// The path order damaged: two rows swapped, one row listed twice.
        case damagedOrder
    }

    /// Names whose bytes sort unlike their characters' look: `-` before `/`, capitals
    /// before small letters, accents after both, a backslash the reading state escapes.
    static func name(_ n: Int) -> String {
        switch n % 6 {
        case 0: "desk-\(n % 4)/story-\(n).txt"
        case 1: "desk/\(n % 4)-story-\(n).txt"
        case 2: "été/naïve-\(n).txt"
        case 3: "Zed/\(n).txt"
        case 4: "back\\slash \(n).txt"
        default: "desk-\(n % 4)-\(n).txt"
        }
    }

    func writeStories(_ temp: TemporaryLibrary, _ range: Range<Int>) throws {
        for n in range {
            try temp.writeStory(Self.name(n), title: "Story \(n % 7)", published: "2024-02-\(String(format: "%02d", n % 9 + 1))T08:00:00Z")
        }
    }

    func fetched(_ n: Int) -> Story {
        Story(title: "Fetched \(n)", source: "Wire", url: "https://example.org/\(n)", body: [.paragraph("Text \(n).")])
    }

    /// A library of about 40 stories whose index `writer` wrote last; its listing as the
    /// reader maps it.
    func library(_ writer: Writer) throws -> (TemporaryLibrary, IndexedListing) {
        let temp = try TemporaryLibrary()
        try writeStories(temp, 0..<30)
        _ = try temp.library.load()
        switch writer {
        case .freshBuild:
            break
        case .checkAfterChanges:
            try writeStories(temp, 30..<40)
            try temp.writeStory(Self.name(4), title: "Changed", body: "Longer than it was before.")
            _ = try temp.library.load()
        case .fetch:
            try temp.library.save((0..<8).map { (fetched($0), fileName: StoryFileName.forStory(fetched($0))) })
        case .removal:
            let ids = try temp.library.save((0..<8).map { (fetched($0), fileName: StoryFileName.forStory(fetched($0))) })
            #expect(try temp.library.remove([ids[1], ids[5]], keepForUndo: false).isEmpty)
        case .versionTwo:
            let path = temp.library.indexPath
            try Data(Self.versionTwo(Array(try Data(contentsOf: URL(fileURLWithPath: path))))).write(to: URL(fileURLWithPath: path))
        case .damagedOrder:
            let path = temp.library.indexPath
            var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            let order = bytes.count - 30 * IndexLayout.pathOrderEntrySize
            bytes.swapAt(order, order + 4 * 7)
            bytes.storeLittleEndian(bytes.withUnsafeBytes { $0.littleEndian(at: order + 4, as: UInt32.self) }, at: order + 4 * 9)
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        }
        return (temp, try #require(IndexedListing.open(temp.library.indexPath).listing))
    }

    /// The same index as version 2 wrote it: a 144-byte header of seven sections, and
    /// no path order (the last section).
    static func versionTwo(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBytes { old in
            let shift = UInt64(IndexLayout.headerSize - IndexLayout.headerLength(version: 2))
            var header = IndexLayout.magic
            header.appendLittleEndian(UInt32(2))
            header += bytes[12..<24]
            for section in 0..<7 {
                header.appendLittleEndian(old.littleEndian(at: 24 + section * 16, as: UInt64.self) - shift)
                header.appendLittleEndian(old.littleEndian(at: 32 + section * 16, as: UInt64.self))
            }
            header.appendLittleEndian(StableHash.of(header))
            let pathOrder = Int(old.littleEndian(at: 24 + IndexLayout.Section.pathOrder.rawValue * 16, as: UInt64.self))
            return header + bytes[IndexLayout.headerSize..<pathOrder]
        }
    }

    /// The rows the index lists in path order; nil when it keeps none.
    func pathOrder(_ listing: IndexedListing) -> [Int]? {
        var rows: [Int] = []
        return listing.forEachRowInPathOrder { rows.append($0) } ? rows : nil
    }

    /// Every row once, by its path's bytes.
    func sortedByPath(_ listing: IndexedListing) -> [Int] {
        (0..<listing.count).sorted { listing.id(at: $0).path.utf8.lexicographicallyPrecedes(listing.id(at: $1).path.utf8) }
    }

    @Test(arguments: [Writer.freshBuild, .checkAfterChanges, .fetch, .removal])
    func everyWriterKeepsEveryRowInPathOrder(_ writer: Writer) throws {
        let (_, listing) = try library(writer)
        #expect(listing.count >= 30)
        #expect(pathOrder(listing) == sortedByPath(listing))
    }

    @Test func anIndexWrittenFromEntriesKeepsThePathOrderToo() throws {
        let entries = (0..<25).map { n in
            LibraryEntry(summary: StorySummary(id: StoryID(Self.name(n)), title: "Story \(n % 3)"), published: nil, headerID: nil,
                         stamp: FileStamp(size: 10, modifiedSeconds: 1, modifiedNanoseconds: 0))
        }
        let listing = try IndexedListing(IndexBytes(copying: LibraryIndex.encode(entries.map(LibraryIndex.Record.story))))
        #expect(pathOrder(listing) == sortedByPath(listing))
    }

    @Test func anIndexOfTheVersionBeforeIsReadAndRewrittenWithThePathOrder() throws {
        let (temp, old) = try library(.versionTwo)
        #expect(!old.hasPathOrder)
        #expect(old.count == 30 && old.id(at: 0) == StoryID(Self.name(8)))

        let checked = try temp.library.load()
        #expect(checked.report.parsed == 0)
        let rewritten = try #require(IndexedListing.open(temp.library.indexPath).listing)
        #expect(rewritten.hasPathOrder)
        #expect(pathOrder(rewritten) == sortedByPath(rewritten))
        #expect((0..<old.count).map(old.entry(at:)) == (0..<rewritten.count).map(rewritten.entry(at:)))
    }

    @Test(arguments: Writer.allCases)
    func aSaveByRowWritesWhatTheEncoderWritesWithAnIndexFromAnyWriter(_ writer: Writer) throws {
        let (temp, index) = try library(writer)
        let listing = StoryRows(index)
        let state = temp.library.readingState
        let ids = (0..<listing.count).map(listing.id(at:))
        let elsewhere = [StoryID("gone.txt"), StoryID("zzz/last.txt"), StoryID("Ärger/über.txt")]
        try state.apply(stride(from: 0, to: ids.count, by: 3).map { ReadingChange.markRead(ids[$0]) }
                        + elsewhere.map(ReadingChange.markRead) + [.star(ids[1]), .star(elsewhere[0])])
        var expected = try state.load().marks
        var batch = MarkBatch()
        _ = batch.add(StoriesAtRows(listing, rows: RowSet(rows: listing.count, 0..<(listing.count * 2 / 3))), read: true)
        batch.add(.markUnread(ids[4]))
        batch.add(.star(ids[7]))
        batch.add(.markUnread(elsewhere[1]))
        _ = batch.add(StoriesAtRows(listing, rows: RowSet(rows: listing.count, [2, 5, listing.count - 1])), read: false)
        for id in ids[0..<(listing.count * 2 / 3)] { expected.apply(.markRead(id)) }
        for change: ReadingChange in [.markUnread(ids[4]), .star(ids[7]), .markUnread(elsewhere[1])] { expected.apply(change) }
        for row in [2, 5, listing.count - 1] { expected.apply(.markUnread(ids[row])) }

        #expect(try state.apply(batch) == nil)

        #expect(try temp.bytes(".byline/reading-state") == ReadingStateFile.encode(expected))
        #expect(try state.load() == LoadedReadingState(marks: expected))
    }
}
