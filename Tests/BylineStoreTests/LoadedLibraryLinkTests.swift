import BylineCore
import Foundation
import Testing
@testable import BylineStore

/// Related links resolve against a library as it loads from disk.
@Suite struct LoadedLibraryLinkTests {
    @Test func resolvesTheSeedsReadMoreLinksInALoadedLibrary() throws {
        let temp = try TemporaryLibrary()
        try temp.writeStory("shadow.txt", title: "Even in death, Iran's Soleimani still casts a long shadow")
        try temp.write("seed.txt", """
            Fast News

            The crowd called for the expulsion of remaining American forces.

            READ MORE: Even in death, Iran’s Soleimani still casts a long shadow
            """)
        let contents = try temp.library.load()
        let seed = try #require(contents.entries.first { $0.id.path == "seed.txt" })

        let resolver = RelatedLinkIndex(contents.entries.map(\.summary))

        #expect(seed.relatedLinks.map(resolver.resolve) == [StoryID("shadow.txt")])
    }
}

/// Start-up shows the index at once; `load()` then finds what changed behind it.
@Suite struct IndexedContentsTests {
    @Test func noIndexNoQuickListing() throws {
        let temp = try TemporaryLibrary()
        try temp.writeStory("a.txt", title: "A")
        #expect(temp.library.indexedContents() == nil)
    }

    @Test func theIndexListsWhatTheLastLoadSaw() throws {
        let temp = try TemporaryLibrary()
        try temp.writeStory("a.txt", title: "A")
        let first = try temp.library.load()
        #expect(first.report.foundChanges)
        #expect(temp.library.indexedContents()?.entries.map(\.title) == ["A"])

        try temp.writeStory("b.txt", title: "B")
        // The quick listing does not look at the folder …
        #expect(temp.library.indexedContents()?.entries.map(\.title) == ["A"])
        // … the full load does, and says it found something new.
        let second = try temp.library.load()
        #expect(second.report.foundChanges)
        #expect(Set(second.entries.map(\.title)) == ["A", "B"])
        #expect(try temp.library.load().report.foundChanges == false)
    }
}
