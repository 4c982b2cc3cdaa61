import BylineCore
import Foundation
import Testing
@testable import BylineStore

/// A merged index (`IndexWriter` over the last one: the background check that found
/// changes, a fetch, a removal) lists the library exactly as an index written afresh from
/// the same stories would: the same rows in the same order, every story found by its
/// path and by its links, every row once in path order. Whatever way the merge copies,
/// a reader must not be able to tell the two apart.
@Suite struct IndexMergeTests {
    static let stamp = FileStamp(size: 100, modifiedSeconds: 1_700_000_000, modifiedNanoseconds: 5)

    /// A story; some share a date (ties broken by title, then path), some have none.
    static func entry(_ n: Int, title: String? = nil, size: Int64 = 100) -> LibraryEntry {
        let date: Date? = n % 5 == 4 ? nil : Date(timeIntervalSince1970: 1_700_000_000 + Double(n % 13) * 3600)
        let path = n % 3 == 0 ? "Desk-\(n % 4)/story \(n).txt" : "desk/\(n % 7)/été-\(n).txt"
        let summary = StorySummary(id: StoryID(path), title: title ?? "Story \(n % 9)", source: "Source \(n % 4)",
                                   published: date, url: n % 2 == 0 ? "https://example.org/\(n)" : nil,
                                   related: [RelatedLink(title: "Story \((n + 1) % 9)", url: "https://example.org/\(n + 2)")])
        return LibraryEntry(summary: summary, published: date.map { "\($0)" }, headerID: "id-\(n)",
                            stamp: FileStamp(size: size, modifiedSeconds: stamp.modifiedSeconds + Int64(n), modifiedNanoseconds: 7))
    }

    static func fresh(_ entries: [LibraryEntry], problems: [LibraryProblem] = []) throws -> IndexedListing {
        try IndexedListing(IndexBytes(copying: IndexWriter(old: nil, adding: entries, problems: problems).bytes()))
    }

    /// Saves `writer`'s index as a file and maps it, as the reader does.
    static func saved(_ writer: IndexWriter, in temp: TemporaryLibrary) throws -> IndexedListing {
        try FileManager.default.createDirectory(at: temp.library.stateFolder, withIntermediateDirectories: true)
        return try temp.library.writeIndex(writer)
    }

    /// Everything a reader can ask of the listing, row by row and story by story.
    static func expectSameListing(_ merged: IndexedListing, _ fresh: IndexedListing) {
        #expect(merged.count == fresh.count)
        #expect(merged.hasDates == fresh.hasDates)
        #expect(merged.problems == fresh.problems)
        #expect((0..<merged.count).map(merged.entry(at:)) == (0..<fresh.count).map(fresh.entry(at:)))
        #expect((0..<merged.count).map(merged.keyBytes(at:)).map(Array.init) == (0..<fresh.count).map(fresh.keyBytes(at:)).map(Array.init))
        for row in 0..<fresh.count {
            let summary = fresh.summary(at: row)
            #expect(merged.row(of: summary.id) == row)
            if let url = summary.url { #expect(merged.resolve(RelatedLink(title: "", url: url)) == fresh.resolve(RelatedLink(title: "", url: url))) }
            #expect(merged.resolve(RelatedLink(title: summary.title)) == fresh.resolve(RelatedLink(title: summary.title)))
        }
        var mergedOrder: [Int] = [], freshOrder: [Int] = []
        #expect(merged.forEachRowInPathOrder { mergedOrder.append($0) })
        #expect(fresh.forEachRowInPathOrder { freshOrder.append($0) })
        #expect(mergedOrder == freshOrder)
    }

    /// 60 stories, then 12 dropped (7 of them replaced by changed stories) and 15 added.
    static func change(_ old: IndexedListing) -> (dropping: Set<Int>, adding: [LibraryEntry], all: [LibraryEntry]) {
        let changed = [3, 10, 11, 30, 31, 58, 59]
        let removed = [0, 1, 17, 40, 57]
        let adding = changed.map { entry($0, title: "Changed \($0)", size: 200) } + (60..<75).map { entry($0) }
        var dropping = Set<Int>()
        for n in changed + removed { if let row = old.row(of: entry(n).id) { dropping.insert(row) } }
        let kept = (0..<60).filter { !changed.contains($0) && !removed.contains($0) }.map { entry($0) }
        return (dropping, adding, kept + adding)
    }

    @Test(arguments: [false, true])
    func aMergedIndexListsWhatAFreshOneOfTheSameStoriesLists(compacting: Bool) throws {
        let temp = try TemporaryLibrary()
        let problem = LibraryProblem(id: StoryID("bad.txt"), problem: .empty, stamp: Self.stamp)
        let old = try Self.saved(IndexWriter(old: nil, adding: (0..<60).map { Self.entry($0) }, problems: [problem]), in: temp)
        let (dropping, adding, all) = Self.change(old)

        let writer = IndexWriter(old: old, dropping: dropping, adding: adding, problems: [problem], compacting: compacting)
        let merged = try Self.saved(writer, in: temp)

        Self.expectSameListing(merged, try Self.fresh(all, problems: [problem]))
        // The same index whether written to a file or held in memory (an index that cannot be saved).
        let inMemory = writer.bytes(), onDisk = Array(merged.bytes.buffer)
        #expect(inMemory.count == onDisk.count)
        #expect(inMemory.indices.first { inMemory[$0] != onDisk[$0] } == nil)
    }

    @Test func compactingLeavesOutTheBytesOfRowsDroppedBefore() throws {
        let temp = try TemporaryLibrary()
        var listing = try Self.saved(IndexWriter(old: nil, adding: (0..<60).map { Self.entry($0) }, problems: []), in: temp)
        // Every story replaced a few times: its old bytes stay in the blobs, pointed to by no row.
        for round in 0..<3 {
            let adding = (0..<60).map { Self.entry($0, title: "Round \(round) of \($0)") }
            listing = try Self.saved(IndexWriter(old: listing, dropping: Set(0..<60), adding: adding, problems: []), in: temp)
        }
        let before = listing.blobBytes
        let compacted = try Self.saved(IndexWriter(old: listing, dropping: [], adding: [], problems: [], compacting: true), in: temp)

        #expect(compacted.blobBytes * 3 < before)
        Self.expectSameListing(compacted, try Self.fresh((0..<60).map { Self.entry($0, title: "Round 2 of \($0)") }))
    }

    @Test func anIndexWithoutThePathOrderGetsOneAsItIsMerged() throws {
        let temp = try TemporaryLibrary()
        let written = try Self.saved(IndexWriter(old: nil, adding: (0..<60).map { Self.entry($0) }, problems: []), in: temp)
        let path = temp.library.indexPath
        try Data(PathOrderTests.versionTwo(Array(written.bytes.buffer))).write(to: URL(fileURLWithPath: path), options: .atomic)
        let old = try #require(IndexedListing.open(path).listing)
        #expect(!old.hasPathOrder)
        let (dropping, adding, all) = Self.change(old)

        let merged = try Self.saved(IndexWriter.merging(old, dropping: dropping, adding: adding, problems: []), in: temp)

        #expect(merged.hasPathOrder)
        Self.expectSameListing(merged, try Self.fresh(all))
    }

    @Test func aLookupTableOutOfOrderIsSortedAfresh() throws {
        let temp = try TemporaryLibrary()
        let written = try Self.saved(IndexWriter(old: nil, adding: (0..<60).map { Self.entry($0) }, problems: []), in: temp)
        // The first and last entries of the path lookup swapped: a damaged file.
        var bytes = Array(written.bytes.buffer)
        let table = written.sectionRange(.pathLookup)
        let last = table.upperBound - IndexLayout.lookupEntrySize
        for offset in 0..<IndexLayout.lookupEntrySize { bytes.swapAt(table.lowerBound + offset, last + offset) }
        try Data(bytes).write(to: URL(fileURLWithPath: temp.library.indexPath), options: .atomic)
        let old = try #require(IndexedListing.open(temp.library.indexPath).listing)
        // Rows found through the intact table: the damaged one misses some.
        let (dropping, adding, all) = Self.change(written)

        let merged = try Self.saved(IndexWriter.merging(old, dropping: dropping, adding: adding, problems: []), in: temp)

        Self.expectSameListing(merged, try Self.fresh(all))
    }
}
