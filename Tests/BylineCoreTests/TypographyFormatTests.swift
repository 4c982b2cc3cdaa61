import Foundation
import Testing
@testable import BylineCore

/// Preformatted blocks, bold and italic, and image lines in story files: what a file says,
/// what the parser reads, and that writing and reading give the same story.
@Suite struct TypographyFormatTests {
    func parse(_ text: String) throws -> Story { try StoryFileParser.parse(Array(text.utf8)).get() }
    func roundTrip(_ story: Story) throws -> Story { try StoryFileParser.parse(text: StoryFileWriter.write(story)).get() }

    // MARK: - Preformatted blocks

    @Test func aFencedBlockKeepsItsSpacesAndBlankLines() throws {
        let story = try parse("Title: T\n\nBefore.\n\n```\nfunc a() {\n    return  1\n\n}\n```\n\nAfter.\n")
        #expect(story.body == [.paragraph("Before."), .preformatted("func a() {\n    return  1\n\n}"), .paragraph("After.")])
    }

    @Test func anUnclosedFenceIsTextAsBefore() throws {
        let story = try parse("Title: T\n\n```\nnot code.\n\nMore text.\n")
        #expect(story.body == [.paragraph("``` not code."), .paragraph("More text.")])
    }

    @Test func aFenceInsideAParagraphOpensNothing() throws {
        let story = try parse("Title: T\n\nSome text\n```\nand more.\n```\n")
        #expect(story.body == [.paragraph("Some text ``` and more. ```")])
    }

    @Test func preformattedTextRoundTripsEvenWithFencesInside() throws {
        let story = Story(title: "T", body: [
            .paragraph("Intro."),
            .preformatted("  indented\n\n```\nREAD MORE: not a link\nSource: not the source\n\t tab"),
            .preformatted("````"),
            .paragraph("```"),
            .paragraph("Outro."),
        ])
        #expect(try roundTrip(story) == story)
    }

    @Test func aLongSeriesOfUnmatchedFencesParsesQuickly() throws {
        // Fences of 3 to 2,002 backticks, none closed: each would read the rest of the file
        // if searches were repeated.
        let text = "Title: T\n\n" + (3..<2_003).map { String(repeating: "`", count: $0) + "\n\nx\n\n" }.joined()
        let story = try parse(text)
        #expect(story.body.count == 4_000)
        #expect(!story.body.contains { if case .preformatted = $0 { true } else { false } })
    }

    @Test func theIndexParseSkipsPreformattedBlocksAsTheFullParseDoes() throws {
        let text = "Title: T\n\nText.\n\n```\nREAD MORE: inside code\n\nSource: inside code\n```\n"
        let bytes = Array(text.utf8)
        let fast = try StoryFileParser.parseForIndex(bytes).get()
        let full = try StoryFileParser.parse(bytes).get()
        #expect(StorySummary(id: StoryID("a"), story: fast) == StorySummary(id: StoryID("a"), story: full))
        #expect(full.readMoreLinks.isEmpty)
        #expect(full.closingSource == nil)
    }

    // MARK: - Images

    @Test func anImageLineIsItsOwnBlockWithItsLink() throws {
        let story = try parse("Title: T\n\nText.\n\n[image: Crowds in Tahrir Square](https://e.org/a.jpg)\n\n[image](https://e.org/b.png)\n\n[image: no address]\n\nEnd.\n")
        #expect(story.body == [
            .paragraph("Text."),
            .image(alt: "Crowds in Tahrir Square", url: "https://e.org/a.jpg"),
            .image(alt: "", url: "https://e.org/b.png"),
            .image(alt: "no address", url: nil),
            .paragraph("End."),
        ])
    }

    @Test func imagesAndLookalikeParagraphsRoundTrip() throws {
        let story = Story(title: "T", body: [
            .image(alt: "A chart (2024)", url: "https://e.org/chart.png"),
            .paragraph("[image: this was typed as text](https://e.org/x)"),
            .paragraph("[image: also text]"),
            .image(alt: "", url: nil),
            .paragraph("See [image: a link](https://e.org/y) inside."),
        ])
        #expect(try roundTrip(story) == story)
    }

    // MARK: - Emphasis

    @Test func boldAndItalicAreRead() {
        #expect(InlineText.runs("a *quiet* and **loud** and ***both*** word") == [
            .text("a "), .emphasis(text: "quiet", .italic), .text(" and "), .emphasis(text: "loud", .bold),
            .text(" and "), .emphasis(text: "both", [.bold, .italic]), .text(" word"),
        ])
        #expect(InlineText.runs("**Note:** read (*this*).") == [
            .emphasis(text: "Note:", .bold), .text(" read ("), .emphasis(text: "this", .italic), .text(")."),
        ])
        #expect(InlineText.runs("**bold with *italic* inside**") == [
            .emphasis(text: "bold with ", .bold), .emphasis(text: "italic", [.bold, .italic]),
            .emphasis(text: " inside", .bold),
        ])
    }

    @Test(arguments: [
        "5 * 3 = 15 and 2 * 4 = 8",
        "2*3*4 is 24",
        "snake_case_name and _under_ stay",
        "Terms apply* and so on*",
        "*Terms and conditions apply",
        "footnote* here, *another",
        "a ** b ** c",
        "**** rating",
        "*nix systems*are many",
        "C:\\temp is a folder",
    ])
    func ordinaryAsterisksStayText(text: String) {
        #expect(InlineText.runs(text) == [.text(text)])
        #expect(InlineText.plain(text) == text)
    }

    @Test func anEscapedAsteriskIsAnAsterisk() {
        #expect(InlineText.runs("\\*not italic\\*") == [.text("*not italic*")])
        #expect(InlineText.plain("a \\*b\\* c") == "a *b* c")
        #expect(InlineText.escaped("*not italic*") == "\\*not italic\\*")
        #expect(InlineText.escaped("5 * 3") == "5 * 3")
        #expect(InlineText.escaped("a\\*b") == "a\\\\*b")
        for text in ["*a*", "**b** c", "x *y* z \\* w", "\\*", "***", "a*b*c"] {
            #expect(InlineText.plain(InlineText.escaped(text)) == text, "\(text)")
        }
    }

    @Test func emphasisNeverSpansALink() {
        #expect(InlineText.runs("*see [the report](https://e.org/r)*") == [
            .text("*see "), .link(text: "the report", url: "https://e.org/r"), .text("*"),
        ])
    }

    @Test func plainTextDropsEmphasisMarks() {
        #expect(InlineText.plain("a **bold** [link](https://e.org) *it*") == "a bold link it")
    }

    @Test func manyOpenersWithoutClosersStayLinear() {
        let text = String(repeating: "*a ", count: 50_000) + String(repeating: "b** ", count: 50_000)
        #expect(InlineText.plain(text) == text)
    }

    @Test func emphasisInParagraphsRoundTrips() throws {
        let story = Story(title: "T", body: [
            .paragraph("**Bold** start and *italic* end."),
            .listItem("an *item*", ordinal: nil),
            .quote("a **quoted** word"),
        ])
        #expect(try roundTrip(story) == story)
    }

    // MARK: - Old files read as before

    /// The seed and the format's own example use none of the new syntax: every paragraph
    /// reads as its text, with no emphasis, no image and no preformatted block.
    @Test func theSeedReadsAsBefore() throws {
        let bytes = try Data(contentsOf: SeedStoryTests.seedURL)
        let story = try StoryFileParser.parse(bytes).get()
        let text = String(decoding: bytes, as: UTF8.self)
        for block in story.body {
            switch block {
            case .paragraph(let s), .quote(let s), .listItem(let s, _):
                #expect(InlineText.runs(s).allSatisfy { if case .emphasis = $0 { false } else { true } })
                #expect(text.contains(InlineText.plain(s).prefix(40)))
            case .preformatted, .image:
                Issue.record("the seed has no \(block)")
            case .subheading, .readMore:
                break
            }
        }
    }
}

/// Many stories made of the new blocks and of text that looks like them: every one reads
/// back as it was written.
@Suite struct TypographyRoundTripTests {
    /// A small deterministic generator (xorshift), so a failure names a story that fails again.
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return Int(state % UInt64(bound))
        }
        mutating func pick<T>(_ items: [T]) -> T { items[next(items.count)] }
    }

    static let words = ["a", "*", "**b**", "*c*", "\\*", "```", "````", "[image: x](https://e.org/i.png)", "[image]",
                        "5", "_d_", "e*", "*f", "[g](https://e.org/g)", "READ", "MORE:", "Source:", ">", "-", "##"]
    static let preLines = ["", "  x", "```", "````", "\tq", "READ MORE: z", "Source: s", "  ", "- item", "[image: y]",
                           "**not bold**", "\\escaped"]

    @Test func storiesOfEveryKindRoundTrip() throws {
        var random = Generator(state: 0x9E37_79B9_7F4A_7C15)
        for _ in 0..<400 {
            var body: [StoryBlock] = []
            for _ in 0..<(1 + random.next(6)) {
                switch random.next(4) {
                case 0:
                    body.append(.preformatted((0..<random.next(5)).map { _ in random.pick(Self.preLines) }
                        .joined(separator: "\n")))
                case 1:
                    let alt = (0..<random.next(3)).map { _ in random.pick(["x", "y z", "*w*", "5 * 3"]) }.joined(separator: " ")
                    body.append(.image(alt: alt, url: random.next(3) == 0 ? nil : "https://e.org/\(random.next(9)).jpg"))
                case 2:
                    body.append(.quote((0..<(1 + random.next(4))).map { _ in random.pick(Self.words) }.joined(separator: " ")))
                default:
                    body.append(.paragraph((0..<(1 + random.next(6))).map { _ in random.pick(Self.words) }
                        .joined(separator: " ")))
                }
            }
            let story = Story(title: "T", body: body)
            let written = StoryFileWriter.write(story)
            let read = try StoryFileParser.parse(text: written).get()
            #expect(read == story, "\n\(written)")
            if read != story { return }
        }
    }
}
