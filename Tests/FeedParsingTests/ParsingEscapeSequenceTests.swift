import BylineCore
import Foundation
import Testing
@testable import FeedParsing

/// A terminal escape sequence in a feed goes whole, whether its ESC is a raw byte or a
/// character reference; dropping only the ESC left "]0;PWNED" in headlines.
@Suite struct ParsingEscapeSequenceTests {
    func title(_ raw: String) throws -> String? {
        let xml = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>F</title><item><title>\(raw)</title>"
            + "<description>&lt;p&gt;Body &amp; more&lt;/p&gt;</description></item></channel></rss>"
        let feed = try FeedParser.parse(Data(xml.utf8)).get()
        return feed.items.first?.title
    }

    @Test(arguments: [
        "Evil &#x1b;]0;RSSPWN&#x7;item",
        "Evil &#27;]0;RSSPWN&#7;item",
        "Evil \u{1B}]0;RSSPWN\u{07}item",
        "Evil &#x1b;[31mitem",
        "Evil \u{1B}[2Jitem",
        "Evil &#x1b;]8;;http://x&#x1b;\\item",
    ])
    func sequenceGoesWhole(raw: String) throws {
        #expect(try title(raw) == "Evil item")
    }

    @Test func escapedHTMLAfterAnEscapeKeepsItsMarkup() throws {
        let xml = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>F</title><item><title>A &#x1b;]0;x&#x7;B</title>"
            + "<description>&lt;p&gt;Body &amp; more&lt;/p&gt;</description></item></channel></rss>"
        let feed = try FeedParser.parse(Data(xml.utf8)).get()
        #expect(feed.items.first?.summary?.value == "<p>Body & more</p>")
    }

    /// Nothing closes the string before the markup: only its introducer goes (the rule of
    /// `TerminalControls`), and the markup after it is kept.
    @Test func anUnterminatedSequenceLosesOnlyItsIntroducer() throws {
        #expect(try title("Evil &#x1b;]0;no end") == "Evil 0;no end")
    }
}

@Suite struct EscapeSequenceMarkupTests {
    @Test(arguments: ["\u{1B}]", "\u{1B}[", "\u{1B}"])
    func anEscapeNeverEatsTheMarkupAfterIt(escape: String) throws {
        let xml = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>F</title>"
            + "<item><title><![CDATA[Evil \(escape)]]></title><description>d1</description></item>"
            + "<item><title attr=\"x\(escape)\">Two</title><description>d2</description></item></channel></rss>"
        let feed = try FeedParser.parse(Data(xml.utf8)).get()
        #expect(feed.items.count == 2)
        #expect(feed.items.map(\.summary?.value) == ["d1", "d2"])
        #expect(feed.items.last?.title == "Two")
    }
}
