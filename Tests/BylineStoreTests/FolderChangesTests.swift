#if canImport(Glibc)
import Glibc
#endif
import BylineCore
import Foundation
import Testing
@testable import BylineStore

/// The reader's background check: what changed in the folder since the listing the reader
/// shows, found by file stamps, reading only new or changed files.
@Suite struct FolderChangesTests {
    /// The reader's listing, as start-up maps it.
    func shown(_ temp: TemporaryLibrary) throws -> IndexedListing {
        try #require(temp.library.indexedContents()).listing
    }

    @Test func anUnchangedLibraryOf1000StoriesIsCheckedWithoutReadingAStory() throws {
        let temp = try TemporaryLibrary()
        for number in 0..<1000 {
            try temp.writeStory("desk-\(number % 10)/story-\(number).txt", title: "Story number \(number)",
                                published: "2024-01-01T00:00:00Z")
        }
        _ = try temp.library.load()
        let listing = try shown(temp)
        // Every file's text is replaced, size and time kept: a check that read any file
        // would list it under its new first line.
        var rewritten = 0
        for number in 0..<1000 {
            let path = temp.folder.appendingPathComponent("desk-\(number % 10)/story-\(number).txt").path
            var info = stat()
            guard stat(path, &info) == 0 else { continue }
            try Data(repeating: UInt8(ascii: "x"), count: Int(info.st_size)).write(to: URL(fileURLWithPath: path))
            var times = [info.st_atim, info.st_mtim]
            if utimensat(AT_FDCWD, path, &times, 0) == 0 { rewritten += 1 }
        }
        #expect(rewritten == 1000)

        let (contents, changes) = try temp.library.changes(since: listing)

        #expect(changes.isEmpty)
        #expect(contents.report == LoadReport(index: .used, parsed: 0, reused: 1000))
        #expect(contents.listing === listing)
        let titles = (0..<listing.count).map { listing.summary(at: $0).title }
        #expect(Set(titles) == Set((0..<1000).map { "Story number \($0)" }))
    }

    @Test func onlyWhatChangedIsReadAndSent() throws {
        let temp = try TemporaryLibrary()
        for name in ["a", "b", "c", "d"] {
            try temp.writeStory("\(name).txt", title: "Story \(name)", published: "2024-01-0\(name.utf8.first! - 96)T00:00:00Z")
        }
        _ = try temp.library.load()
        let listing = try shown(temp)
        try temp.writeStory("new.txt", title: "A new story", published: "2024-02-01T00:00:00Z")
        try temp.writeStory("b.txt", title: "Story b, rewritten at greater length", published: "2024-01-02T00:00:00Z")
        try FileManager.default.removeItem(at: temp.folder.appendingPathComponent("c.txt"))
        try temp.write("d.txt", bytes: [0xFF, 0xFE, 0x00, 0x01])  // no longer a story

        let (contents, changes) = try temp.library.changes(since: listing)

        #expect(contents.report.parsed == 3)
        #expect(changes.added.map(\.title) == ["A new story"])
        #expect(changes.changed.map(\.title) == ["Story b, rewritten at greater length"])
        #expect(Set(changes.removed) == [StoryID("c.txt"), StoryID("d.txt")])
        // Laid over the listing shown, the changes give the folder as it is now.
        let updated = listing.applying(changes)
        #expect(updated.allSummaries.map(\.id.path) == contents.entries.map(\.id.path))
    }

    @Test func storiesAnotherWriterIndexedAreChangesToo() throws {
        let temp = try TemporaryLibrary()
        try temp.writeStory("a.txt", title: "Story a", published: "2024-01-01T00:00:00Z")
        try temp.writeStory("b.txt", title: "Story b", published: "2024-01-02T00:00:00Z")
        _ = try temp.library.load()
        let listing = try shown(temp)
        // A fetch in another terminal saves a story and indexes it; a file is deleted by hand.
        let story = Story(title: "Fetched elsewhere", url: "https://example.org/1", body: [.paragraph("Text.")])
        let saved = try Library(folder: temp.folder).save(story, fileName: StoryFileName.forStory(story))
        try FileManager.default.removeItem(at: temp.folder.appendingPathComponent("a.txt"))

        let (contents, changes) = try temp.library.changes(since: listing)

        #expect(contents.report.parsed == 0)
        #expect(changes.added.map(\.id) == [saved])
        #expect(changes.changed.isEmpty)
        #expect(changes.removed == [StoryID("a.txt")])
        // The next check, against the same listing, says the same and reads nothing.
        let (_, again) = try temp.library.changes(since: listing)
        #expect(again == changes)
    }

    @Test func deletingAndRestoringKeepBothIndexesCurrent() throws {
        let temp = try TemporaryLibrary()
        let stories = ["Harbour cranes arrive", "Council approves rail link", "Wind farm approved"].map {
            Story(title: $0, url: "https://example.org/\($0.count)", body: [.paragraph("\($0) today.")])
        }
        let ids = try temp.library.save(stories.map { ($0, fileName: StoryFileName.forStory($0)) })
        _ = try SearchIndex.upToDate(temp.library)

        try temp.library.remove(ids[0], keepForUndo: true)
        #expect(try temp.library.remove([ids[1]], keepForUndo: false).isEmpty)

        #expect(temp.library.indexedContents()?.entries.map(\.id) == [ids[2]])
        #expect(try temp.library.load().report == LoadReport(index: .used, parsed: 0, reused: 1))
        let afterRemoving = try #require(try? SearchIndex.open(temp.library).get())
        #expect(afterRemoving.search("cranes", limit: 5).stories.isEmpty)
        #expect(afterRemoving.search("rail", limit: 5).stories.isEmpty)

        try temp.library.restore(ids[0])

        #expect(Set(temp.library.indexedContents()?.entries.map(\.id) ?? []) == [ids[0], ids[2]])
        #expect(try temp.library.load().report == LoadReport(index: .used, parsed: 0, reused: 2))
        let afterRestoring = try #require(try? SearchIndex.open(temp.library).get())
        #expect(afterRestoring.search("cranes", limit: 5).stories.map(\.id) == [ids[0]])
    }

    @Test func aFileThatIsNotBylinesIsNeitherRemovedNorDroppedFromTheIndex() throws {
        let temp = try TemporaryLibrary()
        try temp.writeStory("mine.txt", title: "My own notes")
        _ = try temp.library.load()

        let failures = try temp.library.remove([StoryID("mine.txt")], keepForUndo: false)

        #expect(failures.count == 1)
        #expect(failures.first?.description.contains("never deleted") == true)
        #expect(temp.library.indexedContents()?.entries.map(\.title) == ["My own notes"])
    }
}
