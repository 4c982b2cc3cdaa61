import FeedParsing
import Foundation
import Testing

@Suite("Parsing Atom")
struct ParsingAtomTests {
    private let feedText = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://example.org/">
          <title>Example News</title>
          <link rel="alternate" type="text/html" href="/"/>
          <link rel="self" href="/atom.xml"/>
          <updated>2022-01-08T10:00:00Z</updated>
          <entry>
            <id>tag:example.org,2022:12345</id>
            <title>Calls for withdrawal</title>
            <link rel="alternate" type="text/html" href="news/12345"/>
            <link rel="related" href="news/111" title="US has ended its combat mission"/>
            <link rel="related" href="https://other.example/222" title="Soleimani still casts a long shadow"/>
            <published>2022-01-08T10:00:00+03:00</published>
            <updated>2022-01-08T12:30:15.250Z</updated>
            <author><name>Jane Reporter</name><email>jane@example.org</email></author>
            <category term="iraq"/>
            <summary type="text">Short version.</summary>
            <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Full <a href="more">story</a>.</p></div></content>
          </entry>
        </feed>
        """

    @Test("rel=related links are kept with their titles, resolved against xml:base")
    func relatedLinks() throws {
        let item = try #require(try parsedFeed(feedText).items.first)
        #expect(item.relatedLinks == [
            FeedLink(href: "https://example.org/news/111", rel: "related", type: "text/html",
                     title: "US has ended its combat mission"),
            FeedLink(href: "https://other.example/222", rel: "related", type: "text/html",
                     title: "Soleimani still casts a long shadow"),
        ])
        #expect(item.link == "https://example.org/news/12345")
    }

    @Test("feed and entry fields: id, dates with zones, author, category")
    func entryFields() throws {
        let feed = try parsedFeed(feedText)
        #expect(feed.version == "atom10")
        #expect(feed.title == "Example News")
        #expect(feed.link == "https://example.org/")
        #expect(feed.links.contains(FeedLink(href: "https://example.org/atom.xml", rel: "self", type: "application/atom+xml")))
        #expect(feed.updated == utc(2022, 1, 8, 10))
        let item = try #require(feed.items.first)
        #expect(item.id == "tag:example.org,2022:12345")
        #expect(item.published == utc(2022, 1, 8, 7))
        #expect(item.updated == utc(2022, 1, 8, 12, 30, 15))
        #expect(item.author == "Jane Reporter (jane@example.org)")
        #expect(item.categories == ["iraq"])
    }

    @Test("inline XHTML content loses its wrapping div; the summary stays plain text")
    func contentVersusSummary() throws {
        let item = try #require(try parsedFeed(feedText).items.first)
        #expect(item.content?.value == "<p>Full <a href=\"https://example.org/more\">story</a>.</p>")
        #expect(item.content?.isHTML == true)
        #expect(item.summary == FeedText(value: "Short version.", isHTML: false, base: "https://example.org/"))
    }

    @Test("Atom 0.3 is recognised")
    func atom03() throws {
        let feed = try parsedFeed("""
            <feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>Old</title>
            <entry><title>One</title><issued>2003-12-31T10:14:55Z</issued></entry></feed>
            """)
        #expect(feed.version == "atom03")
        #expect(feed.items.first?.published == utc(2003, 12, 31, 10, 14, 55))
    }
}
