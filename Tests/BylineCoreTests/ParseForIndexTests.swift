@testable import BylineCore
import Foundation
import Testing

/// Indexing scans a story file's lines as bytes; what it finds must be what the full
/// parse finds, or the list would show one thing and the story another.
@Suite struct ParseForIndexTests {
    func summaries(_ text: String) -> (StorySummary?, StorySummary?) {
        let bytes = Array(text.utf8)
        let id = StoryID("a.txt")
        let fast = try? StoryFileParser.parseForIndex(bytes).get()
        let full = try? StoryFileParser.parse(bytes).get()
        return (fast.map { StorySummary(id: id, story: $0) }, full.map { StorySummary(id: id, story: $0) })
    }

    @Test(arguments: [
        "Title: T\nSource: S\nRelated: https://x.org/1 One\n\nText.\n\nREAD MORE: Two\n\nread more : [Three](https://x.org/3)\n",
        "Title: T\n\nText.\nREAD MORE: not alone\n\n  Read More: Indented\n\nSource: Closing\n",
        "Title: T\r\nKicker: K\r\n\r\nText.\r\n\r\nREAD MORE: Windows\r\n",
        "\u{FEFF}Title: T\n\nText.\n\nREAD MORE: After a BOM\n",
        "Title: T\nFolded\n  header\n\nText\n\n> READ MORE: quoted\n\n- READ MORE: listed\n\n\\READ MORE: escaped\n",
        "Title:\n\nA story named by its lead. It goes on.\n\nREAD MORE: X\n",
        "Fast News\n\nA headerless story. With words.\n\nREAD MORE: Y\n\nSource: Somewhere\n",
        "Author: A\nPublished: 2024-05-01T10:00:00Z\nTitle: Late title\nURL: https://e.org/a\n\nBody\n\nREAD MORE: Y\n\nREAD MORE: Y\n",
        "Title: Only a header\n",
        "Title: T\n\nSource: Not last\n\nText.\n",
        "Title: T\rSource: old Mac\r\rREAD MORE: Z\r",
    ])
    func agreesWithTheFullParse(text: String) {
        let (fast, full) = summaries(text)
        #expect(fast != nil)
        #expect(fast == full)
    }

    /// Headers that tempt a byte-level reading to differ from the reading by characters.
    @Test(arguments: [
        "Title: Iran’s “plan” for the ‘north’\nSource: Agência Brasil\n\nText.\n",
        "Title: Ελλάδα: νέα μέτρα\nKicker: Κόσμος\nAuthor: Zoë Ōta\n\nText.\n",
        "Title:Ελλάδα χωρίς κενό\n\nText.\n",
        "Title: 東京の新しい計画\nURL: https://例え.jp/記事\n\nText.\n",
        "Title: \u{301}joined to the space\n\nText.\n",
        "Title:\u{301}joined to the colon\n\nText.\n",
        "Title: ends in a prepended mark \u{600} \n\nText.\n",
        "Title: ends in a combining mark e\u{301} \n\nText.\n",
        "Title:\tTabbed\t\nSource:  \t  \n\nText.\n",
        "Title: Folded\n  \u{301}continued\n\nText.\n",
        "Title: Folded\n\tonto Ελλάδα \n  and once more\nSource: S\n\nText.\n",
        "Title: Non-breaking\u{A0}\nPublished:\u{A0}2024-05-01T10:00:00Z\n\nText.\n",
        "Title: First\nSource: Kept\nSource:\nTitle: Second\n\nText.\n",
        "TITLE: Loud\nsource: quiet\nX-Custom: kept aside\nrelated: https://x.org/r Ρ title\n\nText.\n",
        "Title: T\nRelated:\nRelated: just a title\nRelated: https://x.org/1\n\nText.\n",
        "Title: T\nPublished: 2024-02-30T10:00:00Z\nUpdated: 2024-03-01T24:00:00+02:00\n\nText.\n",
        "Title: T\nPublished: 1500-01-01\n\nText.\n",
        "Title: T\r\nSource: Windows\r\n  folded\r\n\r\nREAD MORE: Ελλάδα\r\n",
        "\u{FEFF}Title: After a BOM\r\nURL: https://x.org/bom\r\n\r\nText.\r\n",
        "Title: T\nSource: S\n",
        "Title: T\n \u{301}\n\nText.\n",
    ])
    func agreesOnTrickyHeaders(text: String) {
        let (fast, full) = summaries(text)
        #expect(fast != nil)
        #expect(fast == full)
        let bytes = Array(text.utf8)
        let fastStory = try? StoryFileParser.parseForIndex(bytes).get()
        let fullStory = try? StoryFileParser.parse(bytes).get()
        #expect(fastStory?.published == fullStory?.published)
        #expect(fastStory?.id == fullStory?.id)
        #expect(fastStory?.otherHeaders == fullStory?.otherHeaders)
    }

    /// Files the byte-level reading hands to the full parse: no header, no title.
    @Test(arguments: [
        "No header here, just a line.\n\nText.\n",
        "Unknown: header first\nTitle: T\n\nText.\n",
        "Title:\nSource: S\n\nThe lead names it. More.\n",
        "\u{FEFF}Fast News\r\n\r\nA headerless story, after a BOM.\r\n",
        "Κόσμος\n\nΜια ιστορία χωρίς επικεφαλίδα.\n",
    ])
    func agreesWhereTheFullParseDecides(text: String) {
        let (fast, full) = summaries(text)
        #expect(fast != nil)
        #expect(fast == full)
    }

    /// Headerless files, `Related` headers and `READ MORE` lines are read as bytes too; each
    /// case here is one where bytes and characters could part ways.
    @Test(arguments: [
        "Engineers weigh budget cuts after long talks (43)\n\nBody text. More.\n\nREAD MORE: Next\n",
        "  Indented title  \n\nBody.\n\nSource: The Closing Line\n",
        "\n\nTitle after blank lines\nand its paragraph\n\nREAD MORE: A\n",
        "Title on the first line\nREAD MORE: rest of the first paragraph\n",
        "Title then a source line\nSource: Only line left\n",
        "Title\r\n\r\nWindows body.\r\n\r\nread more: [Linked](https://x.org/l)\r\n\r\nsource: Closing\r\n",
        "Old Mac title\r\rBody.\r\rREAD MORE: Mac\r",
        "Κόσμος και ειδήσεις: ένας τίτλος\n\nΜια ιστορία.\n\nREAD MORE: Ελλάδα\n",
        "Section\n\nA short first line looks like a kicker. The lead names the story.\n",
        "Section\n\n```\ncode\n```\n",
        "```\nA fenced start\n```\n\nText.\n",
        "Title\n```\nfenced right after\n\n```\n\nREAD MORE: B\n",
        "\u{301}Joined mark first\n\nText.\n",
        " \u{301}Space and mark\n\nText.\n",
        "Title\n\nText.\n\nREAD MORE : spaced colon\n\nREAD MORE:\u{301} joined colon\n\nREAD MORE\u{301}: joined e\n",
        "Title\n\nREAD MORE: \u{301}joined space\n\nREAD MORE:   \n\nREAD MOREX: no\n\nRead  more: double\n\nREADMORE: no\n",
        "Title\n\n  READ MORE:\t[Bad link](not closed\n\nReport begins with an r, as many paragraphs do.\n",
        "Title\n\nText.\n\nSource:   \n",
        "Title\n\nText.\n\nSOURCE: Loud closing\n",
        "Title: T\nRelated: https://x.org/a Title with “quotes” and Ελλάδα\nRelated: HTTPS://X.ORG/B Upper\nRelated: ftp://x.org/c Not web\n\nText.\n",
        "Title: T\nRelated: https://x.org/a  two spaces\nRelated: https://x.org/b \u{301}mark\nRelated: https://x.org/c\tTab\n\nText.\n",
        "Title: T\nRelated: https://例え.jp/記事 Non-ASCII URL\nRelated: Ελλάδα\nRelated: plain title words\nRelated: http://\n\nText.\n",
        "Title: T\nRelated:\n  https://x.org/folded Folded title\nRelated: https://x.org/d\n  folded on\n\nText.\n",
        "Title: T\r\nRelated: https://x.org/crlf Windows title\r\nRelated: https://x.org/r\r title\r\n\r\nText.\r\n",
    ])
    func agreesOnBytesReadOutsideTheHeader(text: String) {
        let (fast, full) = summaries(text)
        #expect(fast != nil)
        #expect(fast == full)
        #expect(fast?.related == full?.related)
    }

    @Test func aHeaderlessStoryIsIndexedWithoutItsParagraphs() throws {
        let text = "A headerless story with its title line\n\nFirst paragraph.\n\nSecond paragraph.\n\nREAD MORE: Next\n"
        let story = try StoryFileParser.parseForIndex(Array(text.utf8)).get()
        #expect(story.title == "A headerless story with its title line")
        #expect(story.body == [.readMore(RelatedLink(title: "Next"))])
    }

    @Test(arguments: [
        "Science\n\nAbout city last from health council. Energy were minister.\n\nREAD MORE: Next\n",
        "  Analysis \n\nA lead over\ntwo lines, wrapped. And more.\n\nSource: Closing\n",
        "Κόσμος\n\nΜια ιστορία χωρίς επικεφαλίδα. Και άλλο.\n",
        "World\r\n\r\nWindows lead! Then more.\r\n",
        "World\n\n[A link](https://x.org) opens the lead. Then more.\n",
        "World\n\n...\n",
        "World\n\n```\nA preformatted lead\n```\n",
        "World.\n\nNot a kicker: it ends in a full stop.\n",
        "Three short words\n\nThe lead.\n",
        "Four words are too many\n\nThe lead.\n",
    ])
    func agreesOnKickers(text: String) {
        let (fast, full) = summaries(text)
        #expect(fast != nil)
        #expect(fast == full)
        #expect(fast?.kicker == full?.kicker)
    }

    @Test func aHeaderlessKickerIsReadWithoutParsingTheStory() throws {
        let text = "Science\n\nThe lead names it. More.\n\nSecond paragraph.\n\nREAD MORE: Next\n"
        let story = try StoryFileParser.parseForIndex(Array(text.utf8)).get()
        #expect(story.kicker == "Science")
        #expect(story.title == "The lead names it.")
        #expect(story.body == [.readMore(RelatedLink(title: "Next"))])
    }

    @Test func relatedHeadersAreReadAsBytesWhereTheBytesCanTell() {
        func link(_ value: String) -> RelatedLink? { StoryFileParser.relatedLink(Array(value.utf8)) }
        #expect(link("https://x.org/1 One, “two”") == RelatedLink(title: "One, “two”", url: "https://x.org/1"))
        #expect(link("HTTP://x.org/1") == RelatedLink(title: "", url: "HTTP://x.org/1"))
        #expect(link("Just a title") == RelatedLink(title: "Just a title"))
        #expect(link("https://x.org/1 \u{301}joined") == nil)
        #expect(link("https://例え.jp/ x") == nil)
        #expect(link(" leading space") == nil)
    }

    @Test func theByteReadingStepsAsideWhereCharactersJoinASpace() {
        func header(_ text: String) -> (Bool, Story) {
            let bytes = Array(text.utf8)
            var story = Story(title: "")
            let lines = [0..<bytes.count]
            return (StoryFileParser.readHeader(bytes, lines[...], into: &story), story)
        }
        #expect(header("Title: Plain").0)
        #expect(header("Title: Plain").1.title == "Plain")
        #expect(header("Title: Ελλάδα ").1.title == "Ελλάδα")
        #expect(!header("Title: \u{301}x").0)
        #expect(!header("Title:\u{301}x").0)
        #expect(!header("Title: x\u{600} ").0)
    }

    @Test func agreesOnEverySeedStory() throws {
        let seeds = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../seeds")
        let files = try FileManager.default.contentsOfDirectory(atPath: seeds.path).filter { $0.hasSuffix(".txt") }
        #expect(!files.isEmpty)
        for file in files {
            let text = try String(contentsOf: seeds.appendingPathComponent(file), encoding: .utf8)
            let (fast, full) = summaries(text)
            #expect(fast == full, "\(file)")
        }
    }

    @Test func problemsAreTheFullParsesProblems() {
        for bytes: [UInt8] in [[], [0x41, 0, 0x42], [0x41, 0xFF], Array("  \n\t\n".utf8),
                               Array("Title: A long enough ASCII run, then".utf8) + [0xE2, 0x80], Array("Title: T\n\n".utf8) + [0xC0, 0x80],
                               Array("Title: 12345678".utf8) + [0xED, 0xA0, 0x80], Array("Title: T\n\nText\n".utf8) + [0]] {
            #expect(StoryFileParser.parseForIndex(bytes).map(\.title) == StoryFileParser.parse(bytes).map(\.title))
        }
    }
}
