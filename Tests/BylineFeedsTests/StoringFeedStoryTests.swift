import BylineCore
import BylineFeeds
import FeedParsing
import Foundation
import Testing

@Suite("A feed item as a story file")
struct StoringFeedStoryTests {
    let feed = Feed(title: "Daily \u{1B}[2JNews", link: "https://example.org/")

    @Test func headersAndHTMLBodyComeFromTheItem() {
        let item = FeedItem(
            id: "tag:example.org,2022:1", title: "Crowds gather", link: "https://example.org/news/1",
            links: [FeedLink(href: "https://example.org/news/0", rel: "related", title: "Earlier story")],
            published: StoryDate.parse("2022-01-08T10:00:00Z"), author: "Jane Doe",
            summary: FeedText(value: "Short.", isHTML: false),
            content: FeedText(value: "<p>First <a href=\"https://example.org/x\">paragraph</a>.</p><h2>Later</h2><p>Second one.</p>", isHTML: true))
        let story = FeedStory.story(item: item, feed: feed, subscription: Subscription(url: "https://example.org/rss"), converter: .standard)

        #expect(StoryFileWriter.write(story) == """
            Title: Crowds gather
            Source: Daily News
            Author: Jane Doe
            Published: 2022-01-08T10:00:00Z
            URL: https://example.org/news/1
            Feed: https://example.org/rss
            ID: tag:example.org,2022:1
            Related: https://example.org/news/0 Earlier story

            First [paragraph](https://example.org/x).

            Later

            Second one.

            """)
    }

    @Test func plainSummaryBecomesParagraphsAndGivesTheTitle() {
        let item = FeedItem(id: "urn:uuid:1", link: "urn:uuid:1",
                            summary: FeedText(value: "Plain text only. More of it.\n\nA second\nparagraph.", isHTML: false))
        let story = FeedStory.story(item: item, feed: feed, subscription: Subscription(url: "https://example.org/rss", title: "Mine"),
                                    converter: .standard)
        #expect(story.title == "Plain text only.")
        #expect(story.source == "Mine")
        #expect(story.url == nil)
        #expect(story.body == [.paragraph("Plain text only. More of it."), .paragraph("A second paragraph.")])
    }

    @Test func itemKeyPrefersTheGUIDThenTheLink() {
        #expect(FeedStory.key(of: FeedItem(id: " g1 ", link: "https://a")) == "id:g1")
        #expect(FeedStory.key(of: FeedItem(link: "https://a")) == "url:https://a")
        #expect(FeedShelf.fileName(feedKey: "https://f", itemKey: "id:g1").count == 20)
        #expect(FeedShelf.fileName(feedKey: "https://f", itemKey: "id:g1") != FeedShelf.fileName(feedKey: "https://g", itemKey: "id:g1"))
    }

    @Test("an ESC in a feed's title reaches neither the story nor its escaped HTML body")
    func escapeInTitleKeepsTheBody() throws {
        let document = """
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0"><channel><title>News</title><link>http://example.org/</link>
            <item><title>Red\u{1B}[31m alert</title><link>http://example.org/1</link>
            <description>&lt;p&gt;Hello &lt;a href="http://example.org/x"&gt;world&lt;/a&gt; &amp;amp; friends&lt;/p&gt;</description>
            </item></channel></rss>
            """
        let parsed = try FeedParser.parse(Data(document.utf8)).get()
        let item = try #require(parsed.items.first)
        let story = FeedStory.story(item: item, feed: parsed, subscription: Subscription(url: "http://example.org/feed"),
                                    converter: .standard)
        #expect(story.title == "Red alert")
        #expect(story.body == [.paragraph("Hello [world](http://example.org/x) & friends")])
        #expect(!StoryFileWriter.write(story).unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }

    @Test("a feed's pre, bold, italic and image reach the story file and read back")
    func richContentReachesTheStoryFile() throws {
        let document = """
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0"><channel><title>News</title><link>http://example.org/</link>
            <item><title>Release</title><link>http://example.org/1</link>
            <description><![CDATA[<p>The <b>new</b> parser is <em>fast</em>.</p>
            <pre>$ byline   fetch

              done\u{1B}[2J</pre>
            <img src="/chart.png" alt="The chart" width="600">
            <img src="http://example.org/t.gif" width="1" height="1">]]></description>
            </item></channel></rss>
            """
        let parsed = try FeedParser.parse(Data(document.utf8), url: URL(string: "http://example.org/feed")).get()
        let item = try #require(parsed.items.first)
        let story = FeedStory.story(item: item, feed: parsed, subscription: Subscription(url: "http://example.org/feed"),
                                    converter: .standard)
        #expect(story.body == [
            .paragraph("The **new** parser is *fast*."),
            .preformatted("$ byline   fetch\n\n  done"),
            .image(alt: "The chart", url: "http://example.org/chart.png"),
        ])
        #expect(try StoryFileParser.parse(text: StoryFileWriter.write(story)).get() == story)
    }

    @Test("a plain-text feed's asterisks stay asterisks")
    func plainTextAsterisksStayText() {
        let item = FeedItem(id: "1", link: "https://example.org/1",
                            summary: FeedText(value: "An *aside* and 5 * 3.", isHTML: false))
        let story = FeedStory.story(item: item, feed: feed, subscription: Subscription(url: "https://example.org/rss"),
                                    converter: .standard)
        guard case .paragraph(let text)? = story.body.first else { Issue.record("no paragraph"); return }
        #expect(InlineText.plain(text) == "An *aside* and 5 * 3.")
        #expect(InlineText.runs(text) == [.text("An *aside* and 5 * 3.")])
    }
}
