import BylineCore
import Foundation
import Testing
@testable import BylineStore

/// Index files whose header or fields claim absurd sizes, with a checksum that matches:
/// start-up rebuilds the index instead of trusting the claim and crashing.
@Suite struct ForgedIndexTests {
    /// An index holding `body`, with a correct checksum and the given record count.
    private func forgedIndex(count: String, body: String) -> [UInt8] {
        let bodyBytes = Array(body.utf8)
        let header = "byline-index\t1\t\(StableHash.hex(StableHash.of(bodyBytes)))\t\(count)\n"
        return Array(header.utf8) + bodyBytes
    }

    private let oneProblem = "P\tbad.txt\t1\t2\t3\tnul\t0\n"

    @Test func aHugeRecordCountIsDamageNotAnAllocation() {
        let bytes = forgedIndex(count: "999999999999999999", body: oneProblem)

        #expect(LibraryIndex.decode(bytes) == .failure(Damage(reason: "record count does not match")))
    }

    @Test func aStoryClaimingAHugeLinkCountIsDamage() {
        let story = "S\ta.txt\t1\t2\t3\tTitle\t\t\t\t\t\t\t\t\t99999\n"

        #expect(LibraryIndex.decode(forgedIndex(count: "1", body: story))
            == .failure(Damage(reason: "record 1 is malformed")))
    }

    @Test func aDateBeyondAnyCalendarIsDamage() {
        let story = { (date: String) in "S\ta.txt\t1\t2\t3\tTitle\t\t\t\t\t\t\(date)\t\t\t0\n" }

        #expect(LibraryIndex.decode(forgedIndex(count: "1", body: story("1e300")))
            == .failure(Damage(reason: "record 1 is malformed")))
        guard case .success(let records) = LibraryIndex.decode(forgedIndex(count: "1", body: story("1000"))),
              case .story(let entry) = records.first else {
            Issue.record("an ordinary date was not read")
            return
        }
        #expect(entry.publishedDate == Date(timeIntervalSince1970: 1000))
    }

    @Test func aNegativeProblemOffsetIsDamage() {
        let problem = "P\tbad.txt\t1\t2\t3\tnul\t-5\n"

        #expect(LibraryIndex.decode(forgedIndex(count: "1", body: problem))
            == .failure(Damage(reason: "record 1 is malformed")))
    }

    @Test func theLibraryRebuildsAForgedIndex() throws {
        let temp = try TemporaryLibrary()
        try temp.writeStory("one.txt", title: "One")
        _ = try temp.library.load()
        try temp.write(".byline/index", bytes: forgedIndex(count: "999999999999999999", body: oneProblem))

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
