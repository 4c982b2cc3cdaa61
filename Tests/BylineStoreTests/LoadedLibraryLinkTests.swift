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

    /// Links resolve alike whether the library is held in memory (`RelatedLinkIndex`) or
    /// read from its index (`IndexedListing`), both keying stories by one rule
    /// (`IndexLayout.forEachLinkKey`). A story with an empty URL has none: a link whose URL
    /// normalises to nothing ("https://", "#top") must not find it by URL.
    @Test func linksResolveAlikeInMemoryAndFromTheIndex() throws {
        let stamp = FileStamp(size: 10, modifiedSeconds: 1_700_000_000, modifiedNanoseconds: 0)
        let entries = [
            LibraryEntry(id: StoryID("no-url.txt"), title: "No address here", url: "", stamp: stamp),
            LibraryEntry(id: StoryID("www.txt"), title: "Iran’s Soleimani", url: "https://www.Example.org/news/111/", stamp: stamp),
            LibraryEntry(id: StoryID("punctuation.txt"), title: "—", url: nil, stamp: stamp),
        ]
        let inMemory = RelatedLinkIndex(entries.map(\.summary))
        let indexed = try IndexedListing(IndexBytes(copying: IndexWriter(old: nil, adding: entries, problems: []).bytes()))
        let links = [
            RelatedLink(title: "", url: "https://"), RelatedLink(title: "Elsewhere", url: "#top"),
            RelatedLink(title: "", url: "http://example.org/news/111"), RelatedLink(title: "IRAN'S soleimani"),
            RelatedLink(title: "no address here", url: "https://"), RelatedLink(title: "?"),
        ]
        let expected: [StoryID?] = [nil, nil, StoryID("www.txt"), StoryID("www.txt"), StoryID("no-url.txt"), nil]
        #expect(links.map(inMemory.resolve) == expected)
        #expect(links.map(indexed.resolve) == expected)
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
