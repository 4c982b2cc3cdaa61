import BylineCore
import Foundation
import Testing
@testable import BylineStore

/// Following a related link to the story it names: by URL first, then by title.
@Suite struct RelatedLinkResolverTests {
    let stamp = FileStamp(size: 1, modifiedSeconds: 0, modifiedNanoseconds: 0)
    let soleimani = StoryID("soleimani.txt")
    let iraq = StoryID("iraq.txt")

    var resolver: RelatedLinkResolver {
        RelatedLinkResolver(entries: [
            LibraryEntry(id: soleimani, title: "Even in death, Iran’s Soleimani still casts a long shadow",
                         url: "https://Example.org/news/111/", stamp: stamp),
            LibraryEntry(id: iraq, title: "US has ended its combat mission in Iraq", url: "https://example.org/news/222",
                         stamp: stamp),
        ])
    }

    @Test func byExactURL() {
        #expect(resolver.resolve(RelatedLink(title: "Other words", url: "https://example.org/news/222")) == iraq)
    }

    @Test(arguments: ["HTTPS://EXAMPLE.ORG/news/111", "https://example.org/news/111#comments", "https://example.org/news/111/"])
    func byNormalisedURL(url: String) {
        #expect(resolver.resolve(RelatedLink(title: "", url: url)) == soleimani)
    }

    @Test(arguments: [
        ("HTTPS://Example.ORG/News/1/#top", "https://example.org/News/1"),
        ("https://example.org/a/?page=2#c", "https://example.org/a?page=2"),
        ("https://example.org", "https://example.org"),
        ("https://example.org/", "https://example.org"),
        (" https://example.org/x ", "https://example.org/x"),
        ("https://example.org/Already/Normal", "https://example.org/Already/Normal"),
    ])
    func urlsAreComparedByWhatNamesThePage(url: String, normalised: String) {
        #expect(LinkURL.normalised(url) == normalised)
    }

    @Test func theURLWinsOverTheTitle() {
        let link = RelatedLink(title: "US has ended its combat mission in Iraq", url: "https://example.org/news/111")

        #expect(resolver.resolve(link) == soleimani)
    }

    @Test(arguments: [
        "Even in death, Iran's Soleimani still casts a long shadow",
        "EVEN IN DEATH IRAN’S SOLEIMANI STILL CASTS A LONG SHADOW",
        "even in death – iran's soleimani still casts a long shadow!",
    ])
    func byTitleWhateverTheQuotesCaseOrPunctuation(title: String) {
        #expect(resolver.resolve(RelatedLink(title: title)) == soleimani)
    }

    @Test func anUnknownURLFallsBackToTheTitle() {
        let link = RelatedLink(title: "US has ended its combat mission in Iraq", url: "https://elsewhere.net/x")

        #expect(resolver.resolve(link) == iraq)
    }

    @Test func aStoryNotInTheLibraryIsUnresolved() {
        #expect(resolver.resolve(RelatedLink(title: "Something else entirely")) == nil)
        #expect(resolver.resolve(RelatedLink(title: "", url: "https://example.org/news/333")) == nil)
        #expect(resolver.resolve(RelatedLink(title: "“…”")) == nil)
    }

    @Test func theNewestOfTwoSameTitlesWins() {
        let newer = LibraryEntry(id: StoryID("new.txt"), title: "Same", stamp: stamp)
        let older = LibraryEntry(id: StoryID("old.txt"), title: "Same", stamp: stamp)

        #expect(RelatedLinkResolver(entries: [newer, older]).resolve(RelatedLink(title: "same")) == newer.id)
    }

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

        let resolver = RelatedLinkResolver(entries: contents.entries)

        #expect(seed.relatedLinks.map(resolver.resolve) == [StoryID("shadow.txt")])
    }
}
