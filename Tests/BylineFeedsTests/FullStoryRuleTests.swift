import BylineCore
import BylineExtract
import BylineFeeds
import FeedParsing
import Testing

@Suite("Which items get their page fetched, and what the page adds")
struct FullStoryRuleTests {
    static func story(_ paragraphs: [String], url: String? = "https://example.org/a") -> Story {
        Story(title: "A story", url: url, feed: "https://example.org/feed", body: paragraphs.map { .paragraph($0) })
    }

    static let wholeStory = (1...10).map { "Sentence \($0) of a story long enough to be the whole of it." }.joined(separator: " ")

    @Test func autoFetchesTeasersAndEmptyItemsButNotWholeStories() {
        #expect(FullStoryRule.wantsPage(Self.story([]), mode: .auto))
        #expect(FullStoryRule.wantsPage(Self.story(["One short sentence about the news."]), mode: .auto))
        // The same short text given as the item's content is the story itself.
        #expect(!FullStoryRule.wantsPage(Self.story(["One short sentence about the news."]), mode: .auto, hasContent: true))
        #expect(FullStoryRule.wantsPage(Self.story(["The start of it, cut off…"]), mode: .auto, hasContent: true))
        #expect(!FullStoryRule.wantsPage(Self.story([Self.wholeStory]), mode: .auto))
    }

    @Test func autoFetchesLongTextsThatAreCutOff() {
        #expect(FullStoryRule.wantsPage(Self.story([Self.wholeStory + " And then…"]), mode: .auto))
        #expect(FullStoryRule.wantsPage(Self.story([Self.wholeStory + " [...]"]), mode: .auto))
        #expect(FullStoryRule.wantsPage(Self.story([Self.wholeStory, "[Read more](https://example.org/a)"]), mode: .auto))
        #expect(FullStoryRule.wantsPage(Self.story([Self.wholeStory, "Continue reading →"]), mode: .auto))
    }

    @Test func alwaysAndNeverIgnoreTheText() {
        #expect(FullStoryRule.wantsPage(Self.story([Self.wholeStory]), mode: .always))
        #expect(!FullStoryRule.wantsPage(Self.story([]), mode: .never))
        #expect(!FullStoryRule.wantsPage(Self.story([], url: nil), mode: .always))
    }

    @Test func fullStoryKeepsTheFeedsHeadersAndItsTextAsSummary() throws {
        let summary = Self.story(["A teaser."])
        let article = ExtractedArticle(
            title: "The page's own title", author: "Page Author", blocks: [.paragraph("The whole story, at length.")],
            related: [RelatedLink(title: "Another story", url: "https://example.org/b"), RelatedLink(title: "No address")])
        let full = try FullStoryPage.story(summary, article: article).get()
        #expect(full.title == "A story")
        #expect(full.url == summary.url)
        #expect(full.feed == summary.feed)
        #expect(full.summary == "A teaser.")
        #expect(full.author == "Page Author")
        #expect(full.body == [.paragraph("The whole story, at length.")])
        #expect(full.related == [RelatedLink(title: "Another story", url: "https://example.org/b")])
        #expect(FullStoryPage.isFullStory(full, of: summary))
        #expect(!FullStoryPage.isFullStory(full, of: Self.story(["A corrected teaser."])))
    }

    @Test func aPageWithNoMoreThanTheFeedGivesNoFullStory() {
        let summary = Self.story(["A teaser of five words."])
        #expect(FullStoryPage.story(summary, article: ExtractedArticle()) == .failure(.noStoryText))
        #expect(FullStoryPage.story(summary, article: ExtractedArticle(blocks: [.paragraph("Cookies.")]))
            == .failure(.noMoreThanTheFeed))
        #expect(FullStoryPage.Problem.noMoreThanTheFeed.description == "the page has no more text than the feed")
    }
}
