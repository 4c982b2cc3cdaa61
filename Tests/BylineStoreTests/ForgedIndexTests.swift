import BylineCore
import Foundation
import Testing
@testable import BylineStore

/// Index files whose header or rows claim absurd sizes, with a header checksum that
/// matches: start-up rebuilds the index, or shows a damaged row by its path, instead of
/// trusting the claim and crashing.
@Suite struct ForgedIndexTests {
    let stamp = FileStamp(size: 10, modifiedSeconds: 1_700_000_000, modifiedNanoseconds: 0)

    private func index(_ entries: [LibraryEntry], problems: [LibraryProblem] = []) -> [UInt8] {
        LibraryIndex.encode(entries.map(LibraryIndex.Record.story) + problems.map(LibraryIndex.Record.problem))
    }

    /// `bytes` with `value` written at `offset`, and the header checksum made to match.
    private func forged<T: FixedWidthInteger>(_ bytes: [UInt8], _ value: T, at offset: Int) -> [UInt8] {
        var bytes = bytes
        bytes.storeLittleEndian(value, at: offset)
        let checksumAt = IndexLayout.headerSize - 8
        bytes.storeLittleEndian(StableHash.of(bytes[0..<checksumAt]), at: checksumAt)
        return bytes
    }

    private var oneStory: [UInt8] {
        index([LibraryEntry(id: StoryID("a.txt"), title: "Title", publishedDate: Date(timeIntervalSince1970: 1000),
                            relatedLinks: [RelatedLink(title: "T", url: "https://x.org")], stamp: stamp)])
    }

    /// Where row 0 starts, as the header says.
    private func rowsOffset(_ bytes: [UInt8]) -> Int {
        Int(bytes.withUnsafeBytes { $0.littleEndian(at: 24, as: UInt64.self) })
    }

    @Test func aHugeStoryCountIsDamageNotAnAllocation() {
        let bytes = forged(oneStory, UInt32.max, at: 12)

        #expect(LibraryIndex.decode(bytes) == .failure(Damage(reason: "record count does not match")))
    }

    @Test func aSectionBeyondTheFileIsDamage() {
        let bytes = forged(oneStory, UInt64(1) << 40, at: 24 + 3 * 16)

        #expect(LibraryIndex.decode(bytes) == .failure(Damage(reason: "a section lies outside the file")))
    }

    @Test func anEditedHeaderFailsItsChecksum() {
        var bytes = oneStory
        bytes[12] ^= 1

        #expect(LibraryIndex.decode(bytes) == .failure(Damage(reason: "checksum does not match")))
    }

    @Test func aRowPointingOutsideItsBlobReadsAsItsPath() throws {
        var bytes = oneStory
        bytes.storeLittleEndian(UInt32.max, at: rowsOffset(bytes) + IndexLayout.Row.details)

        let listing = try IndexedListing(IndexBytes(copying: bytes))

        #expect(listing.summary(at: 0).title == "a.txt")
        #expect(listing.row(of: StoryID("a.txt")) == 0)
    }

    @Test func aStoryClaimingAHugeLinkCountReadsAsItsPath() throws {
        let forgedDetails = index([LibraryEntry(id: StoryID("a.txt"), title: "Title", stamp: stamp)])
        // The details end with the link count, "0": claim 9 links that are not there.
        var bytes = forgedDetails
        let details = 24 + IndexLayout.Section.details.rawValue * 16
        let detailsEnd = bytes.withUnsafeBytes { Int($0.littleEndian(at: details, as: UInt64.self) + $0.littleEndian(at: details + 8, as: UInt64.self)) }
        bytes[detailsEnd - 1] = UInt8(ascii: "9")

        let listing = try IndexedListing(IndexBytes(copying: bytes))

        #expect(listing.summary(at: 0).title == "a.txt")
    }

    @Test func aDateBeyondAnyCalendarIsNoDate() throws {
        var bytes = oneStory
        #expect(try IndexedListing(IndexBytes(copying: bytes)).summary(at: 0).published == Date(timeIntervalSince1970: 1000))
        bytes.storeLittleEndian((1e300).bitPattern, at: rowsOffset(bytes) + IndexLayout.Row.date)

        #expect(try IndexedListing(IndexBytes(copying: bytes)).summary(at: 0).published == nil)
    }

    @Test func aMalformedProblemRecordIsDamage() throws {
        var bytes = index([], problems: [LibraryProblem(id: StoryID("bad.txt"), problem: .containsNUL(offset: 5), stamp: stamp)])
        // The problem line ends "nul\t5\n": make its offset negative.
        let five = try #require(bytes.lastIndex(of: UInt8(ascii: "5")))
        bytes[five] = UInt8(ascii: "-")

        #expect(LibraryIndex.decode(bytes) == .failure(Damage(reason: "record 1 is malformed")))
    }

    @Test func theLibraryRebuildsAForgedIndex() throws {
        let temp = try TemporaryLibrary()
        try temp.writeStory("one.txt", title: "One")
        _ = try temp.library.load()
        try temp.write(".byline/index", bytes: forged(try temp.bytes(".byline/index"), UInt32.max, at: 12))

        let contents = try temp.library.load()

        #expect(contents.entries.map(\.title) == ["One"])
        #expect(contents.report.index == .rebuilt(reason: "record count does not match"))
        #expect(try temp.library.load().report.index == .used)
    }

    @Test func aSparseIndexLargerThanMemoryIsNotRead() throws {
        let temp = try TemporaryLibrary()
        try temp.writeStory("one.txt", title: "One")
        _ = try temp.library.load()
        // Sparse: takes no disk, but reading it whole would need 1 GB of memory.
        let index = try temp.write(".byline/index", bytes: [])
        try FileHandle(forWritingTo: index).truncate(atOffset: UInt64(FileBytes.largestBookkeeping) + 1)

        let contents = try temp.library.load()

        #expect(contents.entries.map(\.title) == ["One"])
        #expect(contents.report.index == .rebuilt(reason: "larger than 1024 MB, too big for Byline to read"))
    }
}
