import BylineCore
import Foundation
import Testing
@testable import BylineStore
#if canImport(Glibc)
import Glibc
#endif

/// Path tricks from the security review: links that send writes or a listing out of the
/// library, leftovers of killed runs, and names the scan cannot read.
@Suite struct HostileFolderTests {
    let story = Story(title: "Fetched", source: "Example", url: "https://example.org/1", body: [.paragraph("Text.")])

    @Test func aLinkedBylineFolderIsRefusedAndNothingIsWrittenWhereItPoints() throws {
        let temp = try TemporaryLibrary()
        let other = temp.root.appendingPathComponent("other-library/.byline")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        try Data("someone else's index".utf8).write(to: other.appendingPathComponent("index"))
        try FileManager.default.createSymbolicLink(at: temp.folder.appendingPathComponent(".byline"), withDestinationURL: other)

        #expect(throws: LibraryError.self) { try temp.library.readingState.apply(.markRead(StoryID("a.txt"))) }
        #expect(throws: LibraryError.self) { try temp.library.save(story, fileName: StoryFileName.forStory(story)) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: other.path) == ["index"])
        #expect(try String(contentsOf: other.appendingPathComponent("index"), encoding: .utf8) == "someone else's index")
    }

    @Test func aLinkedFetchedFolderIsRefused() throws {
        let temp = try TemporaryLibrary()
        let elsewhere = temp.root.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: temp.folder.appendingPathComponent("fetched"), withDestinationURL: elsewhere)

        #expect(throws: LibraryError.self) { try temp.library.save(story, fileName: StoryFileName.forStory(story)) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).isEmpty)
    }

    @Test func aLinkOutOfTheLibraryIsNotWalkedAndIsReported() throws {
        let temp = try TemporaryLibrary()
        try temp.writeStory("inside.txt", title: "Inside")
        let outside = temp.root.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data("Title: Outside\n\nText.\n".utf8).write(to: outside.appendingPathComponent("outside.txt"))
        try FileManager.default.createSymbolicLink(at: temp.folder.appendingPathComponent("root"), withDestinationURL: URL(fileURLWithPath: "/"))
        try FileManager.default.createSymbolicLink(at: temp.folder.appendingPathComponent("out"), withDestinationURL: outside)
        try FileManager.default.createSymbolicLink(at: temp.folder.appendingPathComponent("linked.txt"),
                                                   withDestinationURL: outside.appendingPathComponent("outside.txt"))

        let contents = try temp.library.load()

        #expect(contents.paths == ["inside.txt"])
        #expect(Set(contents.problems.map(\.message)) == [
            "root: cannot be read: a link leading out of the library; not followed",
            "out: cannot be read: a link leading out of the library; not followed",
            "linked.txt: cannot be read: a link leading out of the library; not followed",
        ])
    }

    @Test func aLinkInsideTheLibraryIsStillFollowed() throws {
        let temp = try TemporaryLibrary()
        try temp.writeStory("world/story.txt", title: "Story")
        try FileManager.default.createSymbolicLink(at: temp.folder.appendingPathComponent("news"),
                                                   withDestinationURL: temp.folder.appendingPathComponent("world"))
        let contents = try temp.library.load()
        #expect(contents.paths == ["world/story.txt"], "the folder is walked once, by either name")
        #expect(contents.problems.isEmpty)
    }

    @Test func aNameThatIsNotUTF8IsReported() throws {
        let temp = try TemporaryLibrary()
        try temp.writeStory("good.txt", title: "Good")
        let path = Array(temp.folder.path.utf8) + Array("/caf".utf8) + [0xE9] + Array(".txt".utf8) + [0]
        let fd = path.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { open($0, O_WRONLY | O_CREAT, 0o644) }
        }
        #expect(fd >= 0)
        close(fd)

        let contents = try temp.library.load()

        #expect(contents.paths == ["good.txt"])
        #expect(contents.problems.map(\.message) == ["caf?.txt: cannot be read: its name is not UTF-8; rename it to read it"])
    }

    @Test func leftoversOfDeadRunsGoAtTheNextWriteAndALiveOnesStay() throws {
        let temp = try TemporaryLibrary()
        try temp.library.readingState.apply(.markRead(StoryID("a.txt")))
        let state = temp.folder.appendingPathComponent(".byline")
        // A process id no process has: past the kernel's largest.
        let dead = ".reading-state.tmp-2147483600-12345"
        let deadToo = ".index.tmp-999999999-1"
        let live = ".reading-state.tmp-\(getpid())-777"
        for name in [dead, deadToo, live] { try Data("partial".utf8).write(to: state.appendingPathComponent(name)) }

        try temp.library.readingState.apply(.markRead(StoryID("b.txt")))

        let left = try FileManager.default.contentsOfDirectory(atPath: state.path)
        #expect(!left.contains(dead) && !left.contains(deadToo))
        #expect(left.contains(live))
    }
}
