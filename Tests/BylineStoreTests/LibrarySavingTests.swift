import BylineCore
import Foundation
import Testing
@testable import BylineStore

/// Saving fetched stories: atomic, into Byline's own folder, never over a reader's file.
@Suite struct LibrarySavingTests {
    let story = Story(title: "Fetched", source: "Example", url: "https://example.org/1", body: [.paragraph("Text.")])

    @Test func aSavedStoryIsIndexedAsItIsSaved() throws {
        let temp = try TemporaryLibrary()
        _ = try temp.library.load()

        let id = try temp.library.save(story, fileName: StoryFileName.forStory(story))
        #expect(temp.library.indexedContents()?.entries.map(\.title) == ["Fetched"])
        let contents = try temp.library.load()

        #expect(id.path.hasPrefix("fetched/"))
        #expect(contents.paths == [id.path])
        // The index already held it: the next start reads no file.
        #expect(contents.report.parsed == 0)
        #expect(contents.report.reused == 1)
        #expect(try temp.library.story(id).get() == story)
    }

    @Test func savingAgainReplacesByLinesOwnCopy() throws {
        let temp = try TemporaryLibrary()
        let name = StoryFileName.forStory(story)
        try temp.library.save(story, fileName: name)
        var updated = story
        updated.title = "Fetched, updated"

        let id = try temp.library.save(updated, fileName: name)

        #expect(try temp.library.story(id).get().title == "Fetched, updated")
        #expect(try temp.library.load().entries.count == 1)
    }

    @Test func aBatchOfStoriesAppearsOnTheNextLoad() throws {
        let temp = try TemporaryLibrary()
        let stories = (1...3).map { Story(title: "Story \($0)", url: "https://example.org/\($0)", body: [.paragraph("Text \($0).")]) }

        let ids = try temp.library.save(stories.map { ($0, fileName: StoryFileName.forStory($0)) })
        let contents = try temp.library.load()

        #expect(ids.map(\.path) == stories.map { "fetched/" + StoryFileName.forStory($0) })
        #expect(Set(contents.paths) == Set(ids.map(\.path)))
        #expect(try ids.map { try temp.library.story($0).get() } == stories)
        // Only the stories: no temporary file is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.folder.appendingPathComponent("fetched").path).count == 3)
    }

    @Test func aBatchWithABadNameWritesNothing() throws {
        let temp = try TemporaryLibrary()
        let other = Story(title: "Other", url: "https://example.org/2", body: [.paragraph("More.")])

        #expect(throws: LibraryError.self) {
            try temp.library.save([(story, fileName: StoryFileName.forStory(story)), (other, fileName: "../escape.txt")])
        }
        #expect(try temp.library.load().entries.isEmpty)
    }

    @Test(arguments: ["my-notes.txt", "../escape.txt", "0123456789ABCDEF.txt", "0123456789abcdef.md", "sub/0123456789abcdef.txt"])
    func refusesNamesByLineDoesNotWrite(name: String) throws {
        let temp = try TemporaryLibrary()

        #expect(throws: LibraryError.self) { try temp.library.save(story, fileName: name) }
    }

    @Test func neverWritesThroughALinkToAReadersFile() throws {
        let temp = try TemporaryLibrary()
        let mine = try temp.writeStory("mine.txt", title: "Mine")
        let before = try temp.bytes("mine.txt")
        let name = StoryFileName.forStory(story)
        try FileManager.default.createDirectory(at: temp.folder.appendingPathComponent("fetched"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: temp.folder.appendingPathComponent("fetched/" + name), withDestinationURL: mine)

        #expect(throws: LibraryError.self) { try temp.library.save(story, fileName: name) }
        #expect(try temp.bytes("mine.txt") == before)
    }

    @Test func theSameStoryGetsTheSameName() {
        var other = story
        other.title = "Another title"

        #expect(StoryFileName.forStory(story) == StoryFileName.forStory(other))
        #expect(StoryFileName.isBylineName(StoryFileName.forStory(story)))
    }
}
