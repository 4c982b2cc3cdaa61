import BylineCore
import Foundation
import Testing
@testable import BylineStore

/// The index file keeps every field exactly, whatever characters titles and paths hold.
@Suite struct LibraryIndexTests {
    let stamp = FileStamp(size: 1234, modifiedSeconds: 1_700_000_000, modifiedNanoseconds: 123_456_789)

    @Test func awkwardValuesSurviveARoundTrip() throws {
        let records: [LibraryIndex.Record] = [
            .story(LibraryEntry(
                id: StoryID("sub folder/tab\there.txt"), title: "Back\\slash, tab\tand\nnewline\r",
                kicker: "", source: "Ünïcödé 東京 🙂", author: nil, published: "2024-05-01T10:00:00.5Z",
                publishedDate: Date(timeIntervalSince1970: 1_714_557_600.5), url: "https://example.org/a?b=1#c",
                headerID: "\\e", relatedLinks: [RelatedLink(title: ""), RelatedLink(title: "T", url: "https://x.org")],
                stamp: stamp)),
            .story(LibraryEntry(id: StoryID("plain.txt"), title: "Plain", stamp: stamp)),
            .problem(LibraryProblem(id: StoryID("bad.txt"), problem: .invalidUTF8(offset: 7), stamp: stamp)),
            .problem(LibraryProblem(id: StoryID("nul.txt"), problem: .containsNUL(offset: 0), stamp: stamp)),
        ]

        let decoded = LibraryIndex.decode(LibraryIndex.encode(records))

        #expect(decoded == .success(records))
    }

    @Test func unreadableFilesAreNotRemembered() {
        let records: [LibraryIndex.Record] = [
            .problem(LibraryProblem(id: StoryID("locked.txt"), problem: .unreadable("Permission denied"), stamp: stamp)),
        ]

        #expect(LibraryIndex.decode(LibraryIndex.encode(records)) == .success([]))
    }

    @Test func anotherVersionIsNotUsed() {
        var bytes = LibraryIndex.encode([])
        bytes.storeLittleEndian(UInt32(99), at: 8)

        #expect(LibraryIndex.decode(bytes) == .failure(Damage(reason: "index version 99, expected 3")))
    }

    @Test func aTruncatedIndexIsNotUsed() {
        let records: [LibraryIndex.Record] = (0..<20).map {
            .story(LibraryEntry(id: StoryID("\($0).txt"), title: "Story \($0)", stamp: stamp))
        }
        let bytes = LibraryIndex.encode(records)

        let truncated = Array(bytes.prefix(bytes.count / 2))

        #expect(LibraryIndex.decode(truncated) == .failure(Damage(reason: "a section lies outside the file")))
    }
}
