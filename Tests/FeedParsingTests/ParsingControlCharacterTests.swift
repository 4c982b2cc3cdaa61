import FeedParsing
import Foundation
import Testing

/// Characters XML 1.0 forbids (C0 controls such as ESC) turn up in real feeds; they must
/// neither survive into stories nor cost the feed its escaped markup.
@Suite("Parsing feeds with characters XML forbids")
struct ParsingControlCharacterTests {
    static let esc = "\u{1B}"

    @Test("an ESC in a title leaves escaped HTML content intact and is itself dropped")
    func escapeInTitleKeepsEscapedMarkup() throws {
        let feed = try parsedFeed("""
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0"><channel><title>News</title><link>http://example.org/</link>
            <item><title>Red\(Self.esc)[31m alert</title><link>http://example.org/1</link>
            <description>&lt;p&gt;Hello &lt;a href="http://example.org/x"&gt;world&lt;/a&gt; &amp;amp; friends&lt;/p&gt;</description>
            </item></channel></rss>
            """)
        let item = try #require(feed.items.first)
        #expect(item.title == "Red alert")  // the ESC takes its sequence with it
        #expect(item.summary?.value == #"<p>Hello <a href="http://example.org/x">world</a> &amp; friends</p>"#)
    }

    @Test("forbidden controls in Atom content and attributes are dropped, the rest kept")
    func controlsInAtom() throws {
        let feed = try parsedFeed("""
            <feed xmlns="http://www.w3.org/2005/Atom"><title>A\u{07}tom</title>
            <entry><id>1</id><title type="html">&lt;b&gt;Bold&lt;/b&gt;\u{01} move</title>
            <link href="http://example.org/\u{08}a"/><content type="html">&lt;p&gt;One\u{0C} two&lt;/p&gt;</content></entry></feed>
            """)
        #expect(feed.title == "Atom")
        let entry = try #require(feed.items.first)
        #expect(entry.title == "Bold move")
        #expect(entry.content?.value.contains("<p>") == true)
        #expect(entry.content?.value.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" } == false)
    }
}

/// Any other error libxml2 recovers from must not cost the text after it its escaped markup.
@Suite("Parsing escaped markup after an XML error")
struct ParsingRecoveryTests {
    @Test("escaped HTML after a mismatched tag keeps its markup")
    func escapedMarkupAfterAnError() throws {
        let feed = try parsedFeed("""
            <rss version="2.0"><channel><title>News</b></title>
            <item><title>Tom &amp; Jerry</title><link>http://example.org/1</link>
            <description>&lt;p&gt;Hello &lt;em&gt;there&lt;/em&gt;&lt;/p&gt;</description></item></channel></rss>
            """)
        #expect(feed.problem != nil)
        let item = try #require(feed.items.first)
        #expect(item.title == "Tom & Jerry")
        #expect(item.summary?.value == "<p>Hello <em>there</em></p>")
    }

    @Test("a character reference to a forbidden character is dropped, not the markup after it")
    func forbiddenCharacterReference() throws {
        let feed = try parsedFeed("""
            <rss version="2.0"><channel><title>Bell&#7; and &#x1b;[31mred</title>
            <item><title>x</title><description>&lt;p&gt;Kept&lt;/p&gt;</description></item></channel></rss>
            """)
        #expect(feed.title == "Bell and red")
        #expect(feed.items.first?.summary?.value == "<p>Kept</p>")
    }
}
