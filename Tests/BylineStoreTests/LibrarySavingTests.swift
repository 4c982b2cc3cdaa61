import BylineCore
import Foundation
import Testing
@testable import BylineStore

/// Saving fetched stories: atomic, into Byline's own folder, never over a reader's file.
@Suite struct LibrarySavingTests {
    let story = Story(title: "Fetched", source: "Example", url: "https://example.org/1", body: [.paragraph("Text.")])

    @Test func aSavedStoryAppearsOnTheNextLoad() throws {
        let temp = try TemporaryLibrary()
        _ = try temp.library.load()

        let id = try temp.library.save(story, fileName: StoryFileName.forStory(story))
        let contents = try temp.library.load()

        #expect(id.path.hasPrefix("fetched/"))
        #expect(contents.paths == [id.path])
        #expect(contents.report.parsed == 1)
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
