import BylineCore
import Foundation
import Testing
@testable import BylineStore

/// Story files written ahead of their save (a fetch's reading threads write them, the save
/// only names them): invisible until saved, saved as written, gone when not saved.
@Suite struct StagedStoriesTests {
    private func files(_ stories: [Story]) -> [(bytes: [UInt8], fileName: String)] {
        stories.map { (Array(StoryFileWriter.write($0).utf8), fileName: StoryFileName.forStory($0)) }
    }

    private let stories = (1...3).map { Story(title: "Story \($0)", url: "https://example.org/\($0)", body: [.paragraph("Text \($0).")]) }

    private func fetchedFolder(_ temp: TemporaryLibrary) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: temp.folder.appendingPathComponent("fetched").path)
    }

    /// The process's descriptors open on unnamed files in `temp`'s library.
    private func unnamedOpen(in temp: TemporaryLibrary) throws -> Int {
        let folder = temp.folder.appendingPathComponent("fetched").resolvingSymlinksInPath().path
        return try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").filter { fd in
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(fd)"))?.hasPrefix(folder + "/#") == true
        }.count
    }

    @Test func storiesWrittenAheadAppearOnlyWhenSavedAndAreSavedAsWritten() throws {
        let temp = try TemporaryLibrary()
        let batch = files(stories)
        let staged = try #require(StagedStories.write(batch, in: temp.library))
        #expect(staged.count == 3)
        // Written, but no reader (nor another copy of Byline) can see them yet.
        #expect(try fetchedFolder(temp).isEmpty)
        #expect(try temp.library.load().entries.isEmpty)

        let ids = try temp.library.save(files: batch, pending: nil, staged: staged)

        #expect(staged.count == 0)
        #expect(try ids.map { try temp.library.story($0).get() } == stories)
        #expect(temp.library.indexedContents()?.entries.map(\.title).sorted() == ["Story 1", "Story 2", "Story 3"])
        #expect(try fetchedFolder(temp).sorted() == batch.map(\.fileName).sorted())
    }

    @Test func aStoryThatChangedAfterItWasWrittenAheadIsSavedAsItIsNow() throws {
        let temp = try TemporaryLibrary()
        let name = StoryFileName.forStory(stories[0])
        let staged = try #require(StagedStories.write([(Array(StoryFileWriter.write(stories[0]).utf8), fileName: name)], in: temp.library))
        var updated = stories[0]
        updated.title = "Story 1, with its full text"

        let id = try #require(try temp.library.save(files: [(Array(StoryFileWriter.write(updated).utf8), fileName: name)], pending: nil, staged: staged).first)

        #expect(try temp.library.story(id).get().title == "Story 1, with its full text")
        // The file written ahead was not taken; it goes with `staged`, leaving nothing.
        #expect(staged.count == 1)
        #expect(try fetchedFolder(temp) == [name])
    }

    @Test func storiesWrittenAheadAndNeverSavedLeaveNothing() throws {
        let temp = try TemporaryLibrary()
        var staged = StagedStories.write(files(stories), in: temp.library)
        #expect(staged?.count == 3)
        #expect(try unnamedOpen(in: temp) == 3)

        staged = nil

        #expect(try fetchedFolder(temp).isEmpty)
        #expect(try unnamedOpen(in: temp) == 0)
        #expect(try temp.library.load().entries.isEmpty)
    }

    @Test func onlyNamesByLineWritesAreWrittenAhead() throws {
        let temp = try TemporaryLibrary()
        let bytes = Array(StoryFileWriter.write(stories[0]).utf8)

        #expect(StagedStories.write([(bytes, fileName: "../escape.txt"), (bytes, fileName: "notes.txt")], in: temp.library) == nil)
        #expect(try fetchedFolder(temp).isEmpty)
    }
}
