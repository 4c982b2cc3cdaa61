import BylineCore
import Foundation
import Testing
@testable import BylineStore

/// Where the library and its bookkeeping live, following the XDG folders.
@Suite struct LibraryLocationTests {
    @Test func defaultFoldersFollowXDG() {
        let environment = ["HOME": "/home/ada", "XDG_DATA_HOME": "/data", "XDG_CONFIG_HOME": "/config"]

        #expect(LibraryLocation.defaultLibrary(environment: environment).path == "/data/byline/library")
        #expect(LibraryLocation.configFolder(environment: environment).path == "/config/byline")
    }

    @Test func unsetOrRelativeXDGFallsBackToHome() {
        let environment = ["HOME": "/home/ada", "XDG_DATA_HOME": "relative/data"]

        #expect(LibraryLocation.defaultLibrary(environment: environment).path == "/home/ada/.local/share/byline/library")
        #expect(LibraryLocation.configFolder(environment: environment).path == "/home/ada/.config/byline")
    }

    @Test func aWritableLibraryKeepsItsBookkeepingInside() throws {
        let temp = try TemporaryLibrary()

        let folder = LibraryLocation.stateFolder(for: temp.folder, environment: [:], libraryIsWritable: true)

        #expect(folder == temp.folder.appendingPathComponent(".byline", isDirectory: true))
    }

    @Test func aLibraryNotYetCreatedKeepsItsBookkeepingInsideOnceSaved() throws {
        let temp = try TemporaryLibrary()
        let folder = temp.root.appendingPathComponent("new/library", isDirectory: true)
        let story = Story(title: "First", url: "https://example.org/1", body: [.paragraph("Text.")])

        let library = Library(folder: folder)
        let id = try library.save(story, fileName: StoryFileName.forStory(story))

        #expect(library.stateFolder == folder.appendingPathComponent(".byline", isDirectory: true))
        #expect(try library.load().paths == [id.path])
        #expect(Library(folder: folder).stateFolder == library.stateFolder)
    }

    @Test func aReadOnlyLibraryKeepsItsBookkeepingInTheXDGStateFolder() throws {
        let temp = try TemporaryLibrary()
        try temp.writeStory("one.txt", title: "One")
        let stateHome = temp.root.appendingPathComponent("state")
        let environment = ["XDG_STATE_HOME": stateHome.path]

        let stateFolder = LibraryLocation.stateFolder(for: temp.folder, environment: environment, libraryIsWritable: false)
        let library = Library(folder: temp.folder, stateFolder: stateFolder)
        _ = try library.load()
        try library.readingState.apply(.markRead(StoryID("one.txt")))
        let second = try Library(folder: temp.folder, stateFolder: stateFolder).load()

        #expect(stateFolder.path.hasPrefix(stateHome.appendingPathComponent("byline/libraries/").path))
        #expect(second.report.index == .used)
        #expect(try library.readingState.load().marks.read == [StoryID("one.txt")])
        // Nothing was written into the library itself.
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.folder.path) == ["one.txt"])
    }

    @Test func twoSpellingsOfOneFolderShareState() throws {
        let temp = try TemporaryLibrary()
        let environment = ["XDG_STATE_HOME": temp.root.path]
        let other = temp.folder.appendingPathComponent("../library/.")

        let a = LibraryLocation.stateFolder(for: temp.folder, environment: environment, libraryIsWritable: false)
        let b = LibraryLocation.stateFolder(for: other, environment: environment, libraryIsWritable: false)

        #expect(a == b)
    }

    @Test func aLibraryThatCannotBeWrittenStillOpens() throws {
        let temp = try TemporaryLibrary()
        try temp.writeStory("one.txt", title: "One")
        // A state folder that cannot be created: a file stands where its parent should be.
        try temp.write("blocker", "")
        let library = Library(folder: temp.folder, stateFolder: temp.folder.appendingPathComponent("blocker/state"))

        let contents = try library.load()

        #expect(contents.paths == ["one.txt"])
        #expect(contents.report.saveProblem?.contains("blocker/state: cannot create the folder") == true)
    }
}
