import BylineCore
import BylineFeeds
import FeedParsing
import Testing

@Suite("Which feed items get their page fetched")
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
}
