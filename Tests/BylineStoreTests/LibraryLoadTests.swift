import BylineCore
import Foundation
import Synchronization
import Testing
@testable import BylineStore

/// Opening a folder of story files: what the reader sees in the story list, and that
/// start-up reads only what changed.
@Suite struct LibraryLoadTests {
    @Test func findsTxtFilesInEveryFolderAndNothingElse() throws {
        let temp = try TemporaryLibrary()
        try temp.writeStory("top.txt", title: "Top")
        try temp.writeStory("world/europe/deep.txt", title: "Deep")
        try temp.writeStory("LOUD.TXT", title: "Loud")
        try temp.write("notes.md", "Title: Not a story\n\nText.\n")
        try temp.write("picture.jpg", bytes: [0xFF, 0xD8, 0xFF, 0x00])
        try temp.writeStory(".hidden.txt", title: "Hidden file")
        try temp.writeStory(".git/stray.txt", title: "Hidden folder")

        let contents = try temp.library.load()

        #expect(Set(contents.paths) == ["top.txt", "world/europe/deep.txt", "LOUD.TXT"])
        #expect(contents.problems.isEmpty)
    }

    @Test func aSymlinkLoopIsWalkedOnce() throws {
        let temp = try TemporaryLibrary()
        try temp.writeStory("a/story.txt", title: "Story")
        try FileManager.default.createSymbolicLink(
            at: temp.folder.appendingPathComponent("a/loop"), withDestinationURL: temp.folder)

        let contents = try temp.library.load()

        #expect(contents.paths == ["a/story.txt"])
    }

    @Test func entriesAreNewestFirstWithWhatTheListShows() throws {
        let temp = try TemporaryLibrary()
        try temp.writeStory("old.txt", title: "Old news", published: "2020-01-01")
        try temp.writeStory("undated.txt", title: "No date")
        try temp.write("new.txt", """
            Title: Fresh news
            Kicker: World
            Source: Example Times
            Author: Ada Byrne
            Published: 2024-05-01T10:00:00Z
            URL: https://example.org/fresh
            ID: urn:fresh
            Related: https://example.org/old Old news

            Body text.

            READ MORE: No date
            """)

        let contents = try temp.library.load()

        #expect(contents.paths == ["new.txt", "old.txt", "undated.txt"])
        let fresh = try #require(contents.entries.first)
        #expect(fresh.title == "Fresh news")
        #expect(fresh.kicker == "World")
        #expect(fresh.source == "Example Times")
        #expect(fresh.author == "Ada Byrne")
        #expect(fresh.published == "2024-05-01T10:00:00Z")
        #expect(fresh.publishedDate == StoryDate.parse("2024-05-01T10:00:00Z"))
        #expect(fresh.url == "https://example.org/fresh")
        #expect(fresh.headerID == "urn:fresh")
        #expect(fresh.relatedLinks == [
            RelatedLink(title: "Old news", url: "https://example.org/old"), RelatedLink(title: "No date"),
        ])
    }

    @Test func theIndexIsReusedOnTheNextStart() throws {
        let temp = try TemporaryLibrary()
        try temp.writeStory("one.txt", title: "One")
        try temp.writeStory("two.txt", title: "Two")

        let first = try temp.library.load()
        let second = try temp.library.load()

        #expect(first.report == LoadReport(index: .missing, parsed: 2, reused: 0))
        #expect(second.report == LoadReport(index: .used, parsed: 0, reused: 2))
        #expect(second.entries == first.entries)
        #expect(FileManager.default.fileExists(atPath: temp.folder.appendingPathComponent(".byline/index").path))
    }

    @Test func aChangedFileIsReadAgain() throws {
        let temp = try TemporaryLibrary()
        try temp.writeStory("one.txt", title: "One")
        try temp.writeStory("two.txt", title: "Two")
        _ = try temp.library.load()

        try temp.writeStory("two.txt", title: "Two, corrected")
        let contents = try temp.library.load()

        #expect(contents.report.parsed == 1)
        #expect(contents.report.reused == 1)
        #expect(Set(contents.entries.map(\.title)) == ["One", "Two, corrected"])
    }

    @Test func aFileTouchedButSameSizeIsReadAgain() throws {
        let temp = try TemporaryLibrary()
        let url = try temp.writeStory("one.txt", title: "AAA")
        _ = try temp.library.load()

        try temp.writeStory("one.txt", title: "BBB")
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 60)], ofItemAtPath: url.path)
        let contents = try temp.library.load()

        #expect(contents.report.parsed == 1)
        #expect(contents.entries.map(\.title) == ["BBB"])
    }

    @Test func aDeletedFileLeavesTheList() throws {
        let temp = try TemporaryLibrary()
        try temp.writeStory("one.txt", title: "One")
        let two = try temp.writeStory("two.txt", title: "Two")
        _ = try temp.library.load()

        try FileManager.default.removeItem(at: two)
        let contents = try temp.library.load()
        let after = try temp.library.load()

        #expect(contents.paths == ["one.txt"])
        #expect(contents.report.dropped == 1)
        #expect(after.report == LoadReport(index: .used, parsed: 0, reused: 1))
    }

    @Test(arguments: [
        ("garbage", Array("not an index at all\n".utf8)),
        ("empty", []),
        ("binary", [0, 1, 2, 0xFF, 0xFE, 10, 9, 9]),
    ] as [(String, [UInt8])])
    func aDamagedIndexIsRebuilt(kind: String, damage: [UInt8]) throws {
        let temp = try TemporaryLibrary()
        try temp.writeStory("one.txt", title: "One")
        _ = try temp.library.load()
        try temp.write(".byline/index", bytes: damage)

        let contents = try temp.library.load()
        let after = try temp.library.load()

        #expect(contents.paths == ["one.txt"], "\(kind)")
        guard case .rebuilt = contents.report.index else {
            Issue.record("\(kind): index not reported as rebuilt: \(contents.report)")
            return
        }
        #expect(after.report.index == .used, "\(kind)")
    }

    @Test func anEditedIndexHeaderFailsItsChecksumAndIsRebuilt() throws {
        let temp = try TemporaryLibrary()
        try temp.writeStory("one.txt", title: "One")
        _ = try temp.library.load()
        var index = try temp.bytes(".byline/index")
        index[16] ^= 0x40  // the problem count
        try temp.write(".byline/index", bytes: index)

        let contents = try temp.library.load()

        #expect(contents.report.index == .rebuilt(reason: "checksum does not match"))
        #expect(contents.entries.map(\.title) == ["One"])
    }

    @Test func damagedStoryFilesAreListedAndLeftAlone() throws {
        let temp = try TemporaryLibrary()
        try temp.writeStory("good.txt", title: "Good")
        let files: [(String, [UInt8])] = [
            ("binary.txt", [0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x1A]),
            ("latin1.txt", Array("Caf".utf8) + [0xE9] + Array(" au lait\n".utf8)),
            ("empty.txt", []),
            ("blank.txt", Array("\n  \n\n".utf8)),
        ]
        for (path, bytes) in files { try temp.write(path, bytes: bytes) }

        let contents = try temp.library.load()
        let again = try temp.library.load()

        #expect(contents.paths == ["good.txt"])
        #expect(contents.problems.map(\.message) == [
            "binary.txt: a NUL byte at byte 4: this looks like a binary file, not a story",
            "blank.txt: the file holds no text, only blank lines",
            "empty.txt: the file is empty",
            "latin1.txt: not valid UTF-8 at byte 3",
        ])
        // Problems are remembered too: the second start reads nothing.
        #expect(again.problems == contents.problems)
        #expect(again.report.parsed == 0)
        for (path, bytes) in files { #expect(try temp.bytes(path) == bytes, "\(path) was changed") }
    }

    @Test func aRepairedFileBecomesAStory() throws {
        let temp = try TemporaryLibrary()
        try temp.write("draft.txt", bytes: [])
        #expect(try temp.library.load().problems.count == 1)

        try temp.write("draft.txt", "A headerless story's first line is its title\n\nAnd then the body.\n")
        let contents = try temp.library.load()

        #expect(contents.problems.isEmpty)
        #expect(contents.entries.map(\.title) == ["A headerless story's first line is its title"])
    }

    @Test func aProblemMessageNeverCarriesControlCharacters() throws {
        let temp = try TemporaryLibrary()
        try temp.write("evil\u{1B}[2J\n.txt", bytes: [])

        let contents = try temp.library.load()

        #expect(contents.problems.map(\.message) == ["evil?[2J?.txt: the file is empty"])
    }

    @Test func aStoryIsReadWhenShown() throws {
        let temp = try TemporaryLibrary()
        try temp.writeStory("news/one.txt", title: "One", body: "First paragraph.\n\nSecond paragraph.")
        let id = try #require(try temp.library.load().entries.first?.id)

        let story = try temp.library.story(id).get()

        #expect(story.title == "One")
        #expect(story.body == [.paragraph("First paragraph."), .paragraph("Second paragraph.")])
    }

    @Test func readingAStoryThatIsGoneOrOutsideSaysSo() throws {
        let temp = try TemporaryLibrary()

        #expect(temp.library.story(StoryID("missing.txt")) == .failure(.unreadable("the file is gone")))
        #expect(temp.library.story(StoryID("../outside.txt")) == .failure(.unreadable("not a path inside the library")))
    }

    @Test func aMissingLibraryFolderIsAClearError() throws {
        let temp = try TemporaryLibrary()
        let library = Library(folder: temp.root.appendingPathComponent("nowhere"))

        #expect(throws: LibraryError.self) { try library.load() }
        do {
            _ = try library.load()
        } catch {
            #expect(error.description.hasSuffix("nowhere: cannot open the library folder: No such file or directory"))
        }
    }

    /// With no index (a folder copied in by hand), every file is read, on several threads:
    /// the reader and `byline list` show how far that has got, out of how many.
    @Test func indexingAFolderWithNoIndexSaysHowFarItHasGot() throws {
        let temp = try TemporaryLibrary()
        let count = 700
        for number in 0..<count {
            try temp.writeStory("desk\(number % 7)/story\(number).txt", title: "Story \(number)",
                                body: "READ MORE: Story \((number + 1) % count)")
        }
        let told = Mutex<[(done: Int, total: Int)]>([])
        let contents = try temp.library.load { done, total in told.withLock { $0.append((done, total)) } }

        #expect(contents.listing.count == count)
        #expect(contents.report.parsed == count)
        let reports = told.withLock { $0 }
        #expect(!reports.isEmpty, "no progress was told")
        #expect(reports.allSatisfy { $0.total == count && (1...count).contains($0.done) }, "\(reports)")
        // Each READ MORE line was read as a link, though no story's body was kept.
        let first = try #require(contents.listing.row(of: StoryID("desk0/story0.txt")))
        #expect(contents.listing.entry(at: first).summary.related.map(\.title) == ["Story 1"])
    }
}
