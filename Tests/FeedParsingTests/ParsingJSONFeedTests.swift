import FeedParsing
import Foundation
import Testing

@Suite("Parsing JSON Feed")
struct ParsingJSONFeedTests {
    private let feedText = """
        {
          "version": "https://jsonfeed.org/version/1.1",
          "title": "My Example Feed",
          "home_page_url": "https://example.org/",
          "feed_url": "https://example.org/feed.json",
          "language": "en",
          "authors": [{ "name": "Me" }],
          "items": [
            {
              "id": "2",
              "title": "Post two",
              "content_html": "<p>Hello, <a href='/world'>world</a>!</p><script>alert(1)</script>",
              "summary": "A greeting",
              "url": "/second-item",
              "date_published": "2022-01-08T10:00:00-05:00",
              "tags": ["test", "JSON"],
              "attachments": [{ "url": "https://example.org/2.mp4", "mime_type": "video/mp4", "size_in_bytes": 12000000 }]
            },
            { "id": "1", "content_text": "Plain text only", "authors": [{ "name": "You", "url": "https://example.net/~you" }] }
          ]
        }
        """

    @Test("feed fields and version")
    func feedFields() throws {
        let feed = try parsedFeed(feedText, url: "https://example.org/feed.json")
        #expect(feed.version == "json11")
        #expect(feed.title == "My Example Feed")
        #expect(feed.link == "https://example.org/")
        #expect(feed.language == "en")
        #expect(feed.author == "Me")
        #expect(feed.links.contains(FeedLink(href: "https://example.org/feed.json", rel: "self", type: "application/feed+json")))
        #expect(feed.items.count == 2)
    }

    @Test("items: sanitised HTML content, summary, resolved link, date, tags and attachments")
    func items() throws {
        let feed = try parsedFeed(feedText, url: "https://example.org/feed.json")
        let first = try #require(feed.items.first)
        #expect(first.id == "2")
        #expect(first.title == "Post two")
        #expect(first.content?.value == "<p>Hello, <a href=\"https://example.org/world\">world</a>!</p>")
        #expect(first.content?.isHTML == true)
        #expect(first.summary == FeedText(value: "A greeting", isHTML: false, base: ""))
        #expect(first.link == "https://example.org/second-item")
        #expect(first.published == utc(2022, 1, 8, 15))
        #expect(first.categories == ["test", "JSON"])
        #expect(first.enclosures == [FeedLink(href: "https://example.org/2.mp4", rel: "enclosure", type: "video/mp4",
                                              length: 12_000_000)])
        let second = try #require(feed.items.last)
        #expect(second.content == FeedText(value: "Plain text only", isHTML: false, base: ""))
        #expect(second.summary == second.content)
        #expect(second.author == "You")
    }

    @Test("JSON that is not a JSON Feed is rejected with a reason")
    func notAFeed() {
        #expect(FeedParser.parse(Data(#"{"hello": "world"}"#.utf8)) == .failure(.notAFeed("JSON without a JSON Feed version")))
        #expect(FeedParser.parse(Data(#"{"version": "#.utf8)) == .failure(.malformedJSON("not valid JSON")))
    }
}
