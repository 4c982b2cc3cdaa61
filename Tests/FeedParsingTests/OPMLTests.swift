import FeedParsing
import Testing

@Suite("OPML import and export")
struct OPMLTests {
    @Test func exportThenImportGivesTheSameSubscriptions() throws {
        let subscriptions = [
            Subscription(url: "https://example.org/rss", title: "Example & Co <News>"),
            Subscription(url: "https://example.net/atom?x=1&y=2", title: "Ça \"quote\"", fullStory: .always),
            Subscription(url: "https://example.com/feed.json"),
        ]
        let document = OPMLWriter.document(subscriptions)
        let read = try OPMLReader.subscriptions(in: Array(document.utf8), name: "out.opml")
        #expect(read == [
            subscriptions[0], subscriptions[1],
            Subscription(url: "https://example.com/feed.json", title: "https://example.com/feed.json"),
        ])
    }

    @Test func readsNestedFoldersAndOPML1() throws {
        let document = """
        <?xml version="1.0"?>
        <opml version="1.0"><head><title>Mine</title></head><body>
          <outline text="News">
            <outline text="World" type="rss" xmlUrl="https://a.example/rss"/>
            <outline text="Deeper"><outline title="Tech" xmlurl="https://b.example/atom"/></outline>
          </outline>
          <outline text="A plain link" htmlUrl="https://c.example/"/>
        </body></opml>
        """
        let read = try OPMLReader.subscriptions(in: Array(document.utf8), name: "in.opml")
        #expect(read == [
            Subscription(url: "https://a.example/rss", title: "World", folder: "News"),
            Subscription(url: "https://b.example/atom", title: "Tech", folder: "News / Deeper"),
        ])
    }

    @Test func foldersAreKeptOnImportAndWrittenBackOnExport() throws {
        let subscriptions = [
            Subscription(url: "https://a.example/rss", title: "World", folder: "News"),
            Subscription(url: "https://top.example/rss", title: "Top"),
            Subscription(url: "https://b.example/atom", title: "Tech", folder: "News / Deeper"),
            Subscription(url: "https://c.example/rss", title: "Local", folder: "News"),
        ]
        let document = OPMLWriter.document(subscriptions)
        #expect(document.contains("""
              <outline type="rss" text="Top" title="Top" xmlUrl="https://top.example/rss"/>
              <outline text="News" title="News">
                <outline type="rss" text="World" title="World" xmlUrl="https://a.example/rss"/>
                <outline type="rss" text="Local" title="Local" xmlUrl="https://c.example/rss"/>
                <outline text="Deeper" title="Deeper">
                  <outline type="rss" text="Tech" title="Tech" xmlUrl="https://b.example/atom"/>
                </outline>
              </outline>
            </body>
          """))
        let read = try OPMLReader.subscriptions(in: Array(document.utf8), name: "out.opml")
        #expect(Set(read) == Set(subscriptions))
    }

    @Test func neverResolvesExternalEntities() throws {
        let document = """
        <?xml version="1.0"?>
        <!DOCTYPE opml [<!ENTITY secret SYSTEM "file:///etc/hostname">]>
        <opml version="2.0"><body><outline text="&secret;" xmlUrl="https://a.example/rss"/></body></opml>
        """
        #expect(throws: OPMLError.malformed("in.opml", line: 3, reason: "Attribute references external entity 'secret'")) {
            try OPMLReader.subscriptions(in: Array(document.utf8), name: "in.opml")
        }
    }

    @Test func malformedFileNamesTheLine() {
        let document = "<opml version=\"2.0\">\n<body>\n<outline text=\"x\" xmlUrl=\"https://a.example/rss\">\n</body></opml>"
        #expect(throws: OPMLError.self) { try OPMLReader.subscriptions(in: Array(document.utf8), name: "bad.opml") }
        do {
            _ = try OPMLReader.subscriptions(in: Array(document.utf8), name: "bad.opml")
        } catch {
            #expect(error.description.hasPrefix("bad.opml: malformed at line 4"))
        }
    }

    @Test func aFileThatIsNotOPMLSaysSo() {
        let document = "<rss version=\"2.0\"><channel/></rss>"
        #expect(throws: OPMLError.notOPML("feed.xml")) {
            try OPMLReader.subscriptions(in: Array(document.utf8), name: "feed.xml")
        }
    }

    @Test func exportDropsWhatCouldDriveATerminalOrBreakTheXML() throws {
        // Noncharacters such as U+FFFE cannot be written as Swift literals.
        let noncharacters = String(String.UnicodeScalarView([0xFFFE, 0xFDD0, 0x10FFFF].compactMap(Unicode.Scalar.init)))
        let title = "A\u{7F}B\u{9B}31mC\u{9D}0;owned\u{9C}D\u{202E}E\u{2066}F\u{1B}G\u{0}H" + noncharacters + "I"
        let document = OPMLWriter.document([Subscription(url: "https://example.org/rss", title: title)])

        #expect(!document.unicodeScalars.contains { $0.value == 0x1B || (0x7F...0x9F).contains($0.value) })
        let read = try OPMLReader.subscriptions(in: Array(document.utf8), name: "out.opml")
        #expect(read.map(\.title) == ["AB31mC0;ownedDEFGHI"])
    }

    @Test func exportKeepsOrdinaryTextWhole() throws {
        let title = "Ünïcödé 東京 🙂 עברית — “quotes”"
        let document = OPMLWriter.document([Subscription(url: "https://example.org/rss", title: title)])

        #expect(try OPMLReader.subscriptions(in: Array(document.utf8), name: "out.opml").map { $0.title } == [title])
    }
}
