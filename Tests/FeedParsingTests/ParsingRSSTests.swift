import FeedParsing
import Foundation
import Testing

@Suite("Parsing RSS")
struct ParsingRSSTests {
    private let feedText = """
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
             xmlns:dc="http://purl.org/dc/elements/1.1/">
        <channel>
          <title>TRT World</title>
          <link>https://example.org/</link>
          <description>News from everywhere</description>
          <language>en-gb</language>
          <item>
            <title>Thousands mark anniversary in Baghdad</title>
            <link>https://example.org/news/12345</link>
            <guid isPermaLink="false">story-12345</guid>
            <pubDate>Sat, 08 Jan 2022 10:00:00 GMT</pubDate>
            <dc:creator>Agencies</dc:creator>
            <category>Middle East</category>
            <category>Iraq</category>
            <description>The crowd called for the expulsion of &lt;b&gt;remaining&lt;/b&gt; forces.</description>
            <content:encoded><![CDATA[<p>First paragraph.</p><script>alert(1)</script><p onclick="x()">Second.</p>]]></content:encoded>
            <enclosure url="https://example.org/audio/12345.mp3" length="1234567" type="audio/mpeg"/>
          </item>
        </channel>
        </rss>
        """

    @Test("a channel's title, site link, description and language")
    func channelFields() throws {
        let feed = try parsedFeed(feedText)
        #expect(feed.version == "rss20")
        #expect(feed.title == "TRT World")
        #expect(feed.link == "https://example.org/")
        #expect(feed.subtitle == "News from everywhere")
        #expect(feed.language == "en-gb")
        #expect(feed.problem == nil)
        #expect(feed.encoding == "utf-8")
    }

    @Test("an item's title, link, guid, date, author, categories and enclosure")
    func itemFields() throws {
        let item = try #require(try parsedFeed(feedText).items.first)
        #expect(item.title == "Thousands mark anniversary in Baghdad")
        #expect(item.link == "https://example.org/news/12345")
        #expect(item.id == "story-12345")
        #expect(item.published == utc(2022, 1, 8, 10))
        #expect(item.author == "Agencies")
        #expect(item.categories == ["Middle East", "Iraq"])
        #expect(item.enclosures == [FeedLink(href: "https://example.org/audio/12345.mp3", rel: "enclosure",
                                             type: "audio/mpeg", length: 1234567)])
    }

    @Test("content:encoded is the content, sanitised; the description is the summary")
    func contentAndSummary() throws {
        let item = try #require(try parsedFeed(feedText).items.first)
        #expect(item.content == FeedText(value: "<p>First paragraph.</p><p>Second.</p>", isHTML: true, base: ""))
        #expect(item.summary?.value == "The crowd called for the expulsion of <b>remaining</b> forces.")
        #expect(item.summary?.isHTML == true)
    }

    @Test("RSS 1.0 (RDF) items are read, with rdf:about as the id")
    func rdf() throws {
        let feed = try parsedFeed("""
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
              <channel rdf:about="https://example.org/"><title>RDF site</title></channel>
              <item rdf:about="https://example.org/1"><title>One</title><link>https://example.org/1</link></item>
            </rdf:RDF>
            """)
        #expect(feed.version == "rss10")
        #expect(feed.title == "RDF site")
        #expect(feed.items.map(\.id) == ["https://example.org/1"])
    }

    @Test("relative links resolve against the document's URL")
    func relativeLinks() throws {
        let feed = try parsedFeed("<rss version=\"2.0\"><channel><item><link>/news/1</link></item></channel></rss>",
                                  url: "https://example.org/feeds/rss.xml")
        #expect(feed.items.first?.link == "https://example.org/news/1")
    }

    @Test("entities in titles become characters")
    func entitiesInTitles() throws {
        let feed = try parsedFeed("""
            <rss version="2.0"><channel><title>Caf&#233; &amp; Bar&#8217;s &lt;news&gt;</title>
            <item><title>Caf&eacute; &hellip; d&eacute;j&agrave; vu</title></item></channel></rss>
            """)
        #expect(feed.title == "Café & Bar’s <news>")
        #expect(feed.items.first?.title == "Café … déjà vu")
    }

    @Test("HTML5's names beyond HTML 4 are known too, in text and in HTML")
    func html5Entities() throws {
        let feed = try parsedFeed("""
            <rss version="2.0"><channel><item><title>Done &check; &NotEqualTilde;</title>
            <description>&lt;p&gt;Tick &amp;check; &amp;hellip;&lt;/p&gt;</description></item></channel></rss>
            """)
        #expect(feed.items.first?.title == "Done ✓ \u{2242}\u{338}")
        #expect(feed.items.first?.summary?.value == "<p>Tick &#x2713; &hellip;</p>")
    }

    @Test("an HTML title is given as plain text")
    func htmlTitleIsPlain() throws {
        let feed = try parsedFeed("""
            <feed xmlns="http://www.w3.org/2005/Atom"><entry>
            <title type="html">&lt;b&gt;Bold&lt;/b&gt; &amp;amp; brave</title></entry></feed>
            """)
        #expect(feed.items.first?.title == "Bold & brave")
    }
}
