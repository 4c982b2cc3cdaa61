import FeedParsing
import Foundation
import Testing

/// Hostile and broken documents: they parse safely or fail with a one-line reason.
@Suite("Parsing hostile and broken documents")
struct ParsingSafetyTests {
    @Test("an external entity (XXE) is never resolved")
    func externalEntity() throws {
        let feed = try parsedFeed("""
            <?xml version="1.0"?>
            <!DOCTYPE rss [<!ENTITY e SYSTEM "file:///etc/passwd">]>
            <rss version="2.0"><channel><title>&e;</title><item><title>x</title></item></channel></rss>
            """)
        #expect(feed.title?.contains("root:") == false)
        #expect(feed.title == "&e;")
        #expect(feed.problem != nil)
    }

    @Test("a billion-laughs document returns at once, with a problem, unexpanded")
    func billionLaughs() throws {
        let feed = try parsedFeed("""
            <?xml version="1.0"?>
            <!DOCTYPE rss [
             <!ENTITY lol "lol">
             <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
             <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
             <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
             <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
             <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
             <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
             <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
             <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
            ]>
            <rss version="2.0"><channel><title>&lol9;</title><item><title>&lol;</title></item></channel></rss>
            """)
        #expect(feed.problem != nil)
        #expect((feed.title ?? "").count < 100)
        #expect(feed.items.first?.title == "lol")
    }

    @Test("an HTML page is not a feed")
    func htmlPage() {
        let page = "<!DOCTYPE html>\n<html><head><title>Home</title></head><body><p>Hi</p></body></html>"
        #expect(FeedParser.parse(Data(page.utf8)) == .failure(.notAFeed("looks like an HTML page")))
        #expect(FeedParseError.notAFeed("looks like an HTML page").description == "not a feed: looks like an HTML page")
    }

    @Test("an empty document says so")
    func emptyDocument() {
        #expect(FeedParser.parse(Data()) == .failure(.emptyDocument))
        #expect(FeedParser.parse(Data("  \n ".utf8)) == .failure(.emptyDocument))
        #expect(FeedParseError.emptyDocument.description == "empty document")
    }

    @Test("XML too broken to hold a feed fails with the line of the first error")
    func malformed() {
        guard case .failure(let error) = FeedParser.parse(Data("<?xml version=\"1.0\"?>\n\n<<<>>>".utf8)),
              case .malformedXML(let line, let message) = error else {
            Issue.record("expected malformed XML")
            return
        }
        #expect(line == 3)
        #expect(!message.isEmpty)
        #expect(error.description.hasPrefix("malformed XML at line 3: "))
    }

    @Test("an ill-formed feed with entries parses, with the problem noted")
    func recoverable() throws {
        let feed = try parsedFeed("""
            <rss version="2.0"><channel><title>Broken & proud</title>
            <item><title>Still here</title><link>http://example.org/?a=1&b=2</link></item>
            """)
        #expect(feed.problem != nil)
        #expect(feed.title == "Broken & proud")
        #expect(feed.items.first?.title == "Still here")
        #expect(feed.items.first?.link == "http://example.org/?a=1&b=2")
    }

    @Test("no escape sequence from a feed reaches a text field")
    func controlCharacters() throws {
        let json = #"{"version": "https://jsonfeed.org/version/1", "title": "Red \u001b[31malert", "items": [{"id": "1", "title": "Bell\u0007"}]}"#
        let feed = try parsedFeed(json)
        #expect(feed.title == "Red alert", "the sequence goes whole, not only its ESC")
        #expect(feed.items.first?.title == "Bell")
    }
}
