import BylineCore
import BylineExtract
import BylineFeeds
import Testing

@Suite("Merging a web page into a story that exists")
struct PageMergeTests {
    static func story(_ paragraphs: [String], url: String? = "https://example.org/a") -> Story {
        Story(title: "A story", url: url, feed: "https://example.org/feed", body: paragraphs.map { .paragraph($0) })
    }

    static func words(_ count: Int) -> String {
        (1...count).map { "word\($0)" }.joined(separator: " ")
    }

    @Test func fullStoryKeepsTheFeedsHeadersAndItsTextAsSummary() throws {
        let summary = Self.story(["A teaser."])
        let article = ExtractedArticle(
            title: "The page's own title", author: "Page Author", blocks: [.paragraph("The whole story, at length.")],
            related: [RelatedLink(title: "Another story", url: "https://example.org/b"), RelatedLink(title: "No address")])
        let full = try PageMerge.story(summary, article: article).get()
        #expect(full.title == "A story")
        #expect(full.url == summary.url)
        #expect(full.feed == summary.feed)
        #expect(full.summary == "A teaser.")
        #expect(full.author == "Page Author")
        #expect(full.body == [.paragraph("The whole story, at length.")])
        #expect(full.related == [RelatedLink(title: "Another story", url: "https://example.org/b")])
        #expect(PageMerge.isFullStory(full, of: summary))
        #expect(!PageMerge.isFullStory(full, of: Self.story(["A corrected teaser."])))
    }

    @Test func aPageWithNoMoreThanTheFeedGivesNoFullStory() {
        let summary = Self.story(["A teaser of five words."])
        #expect(PageMerge.story(summary, article: ExtractedArticle()) == .failure(.noStoryText))
        #expect(PageMerge.story(summary, article: ExtractedArticle(blocks: [.paragraph("Cookies.")]))
            == .failure(.noMoreThanTheFeed))
        // As many words is no gain either: only text that grew replaces the story's.
        #expect(PageMerge.story(summary, article: ExtractedArticle(blocks: [.paragraph("Five other words right here.")]))
            == .failure(.noMoreThanTheFeed))
        #expect(PageProblem.noMoreThanTheFeed.description == "the page has no more text than the feed")
    }

    @Test func aLongFeedTextIsKeptAsAShortSummary() throws {
        let teaser = Self.words(400)
        let full = try PageMerge.story(Self.story([teaser]), article: ExtractedArticle(blocks: [.paragraph(Self.words(900))])).get()
        let summary = try #require(full.summary)
        #expect(summary.count <= 1001)
        #expect(summary.hasPrefix("word1 word2 word3"))
        #expect(!summary.contains("word400"))
    }

    @Test func aStoryThatHasASummaryKeepsIt() throws {
        var stored = Self.story(["The first paragraph of a story saved by hand.", "A second."])
        stored.summary = "What the story is about."
        let full = try PageMerge.story(stored, article: ExtractedArticle(blocks: [.paragraph(Self.words(40))])).get()
        #expect(full.summary == "What the story is about.")
    }

    @Test func theStoryKeepsWhatItHasAndTakesWhatItLacks() throws {
        var stored = Self.story(["Short."])
        stored.author = "Feed Author"
        stored.closingSource = "Town News"
        stored.related = [RelatedLink(title: "Known", url: "https://example.org/b")]
        let article = ExtractedArticle(
            author: "Page Author", blocks: [.paragraph(Self.words(20))],
            related: [RelatedLink(title: "Known again", url: "https://example.org/b"),
                      RelatedLink(title: "New", url: "https://example.org/c"),
                      RelatedLink(title: "Script", url: "javascript:alert(1)")],
            language: "en", image: "https://example.org/i.jpg")
        let full = try PageMerge.story(stored, article: article).get()
        #expect(full.author == "Feed Author")
        #expect(full.language == "en")
        #expect(full.image == "https://example.org/i.jpg")
        // The closing "Source:" line went with the old body; the source it named stays.
        #expect(full.source == "Town News")
        #expect(full.closingSource == nil)
        #expect(full.related == [RelatedLink(title: "Known", url: "https://example.org/b"),
                                 RelatedLink(title: "New", url: "https://example.org/c")])
    }
}
