import BylineCore
import Foundation
import Testing

/// Following a related link to the story it names: by URL first, then by title.
@Suite struct RelatedLinkIndexTests {
    let soleimani = StoryID("soleimani.txt")
    let iraq = StoryID("iraq.txt")

    var resolver: RelatedLinkIndex {
        RelatedLinkIndex([
            StorySummary(id: soleimani, title: "Even in death, Iran’s Soleimani still casts a long shadow",
                         url: "https://Example.org/news/111/"),
            StorySummary(id: iraq, title: "US has ended its combat mission in Iraq", url: "https://example.org/news/222"),
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
        ("HTTPS://Example.ORG/News/1/#top", "example.org/News/1"),
        ("https://example.org/a/?page=2#c", "example.org/a?page=2"),
        ("https://example.org", "example.org"),
        ("https://example.org/", "example.org"),
        (" https://example.org/x ", "example.org/x"),
        ("http://www.example.org/x", "example.org/x"),
        ("https://example.org/Already/Normal", "example.org/Already/Normal"),
        ("\thttps://WWW.Example.org//a//?q=/x/#f/", "example.org//a?q=/x/"),
        ("example.org/no-scheme/", "example.org/no-scheme"),
        ("https://example.org?only=query", "example.org?only=query"),
        ("#only-a-fragment", ""),
        (":/", ":"),
        // Not ASCII: read by characters, with the same rules.
        ("HTTPS://WWW.Éxample.ORG/Ünï/#top", "éxample.org/Ünï"),
        ("https://例え.jp/記事/?q=1", "例え.jp/記事?q=1"),
    ])
    func urlsAreComparedByWhatNamesThePage(url: String, normalised: String) {
        #expect(RelatedLinkIndex.normalizedURL(url) == normalised)
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
        let newer = StorySummary(id: StoryID("new.txt"), title: "Same")
        let older = StorySummary(id: StoryID("old.txt"), title: "Same")

        #expect(RelatedLinkIndex([newer, older]).resolve(RelatedLink(title: "same")) == newer.id)
    }
}
