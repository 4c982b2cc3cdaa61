import Foundation
import Testing
@testable import BylineCore

@Suite struct StoryFileParserTests {
    func parse(_ text: String) throws -> Story { try StoryFileParser.parse(Array(text.utf8)).get() }

    @Test func headerBlockFields() throws {
        let story = try parse("""
        Title: Thousands mark anniversary of Soleimani killing in Baghdad
        Kicker: Fast News
        Source: TRT World and agencies
        Published: 2022-01-08T10:00:00Z
        URL: https://example.org/news/12345
        Feed: https://example.org/rss
        Related: https://example.org/news/111 US has ended its combat mission in Iraq
        Related: Even in death, Iran's Soleimani still casts a long shadow

        First paragraph of the body.

        A subheading line

        READ MORE: Even in death, Iran's Soleimani still casts a long shadow
        """)
        #expect(story.title == "Thousands mark anniversary of Soleimani killing in Baghdad")
        #expect(story.kicker == "Fast News")
        #expect(story.source == "TRT World and agencies")
        #expect(story.url == "https://example.org/news/12345")
        #expect(story.publishedDate == Date(timeIntervalSince1970: 1_641_636_000))
        #expect(story.related == [
            RelatedLink(title: "US has ended its combat mission in Iraq", url: "https://example.org/news/111"),
            RelatedLink(title: "Even in death, Iran's Soleimani still casts a long shadow"),
        ])
        #expect(story.body == [
            .paragraph("First paragraph of the body."),
            .subheading("A subheading line"),
            .readMore(RelatedLink(title: "Even in death, Iran's Soleimani still casts a long shadow")),
        ])
        // The READ MORE line names the same story as a Related header: listed once.
        #expect(story.relatedLinks.count == 2)
    }

    @Test func unknownHeadersSurviveARoundTrip() throws {
        let text = "Title: A\nX-Mood: sunny\nFeed-Position: 3\n\nBody text here.\n"
        let story = try parse(text)
        #expect(story.otherHeaders == [HeaderField(name: "X-Mood", value: "sunny"), HeaderField(name: "Feed-Position", value: "3")])
        #expect(StoryFileWriter.write(story) == text)
    }

    @Test(arguments: ["READ MORE: A story", "Read more: A story", "read MORE : A story"])
    func readMoreInAnyCase(line: String) throws {
        let story = try parse("Title: T\n\nOne paragraph.\n\n\(line)\n")
        #expect(story.readMoreLinks == [RelatedLink(title: "A story")])
    }

    @Test func readMoreWithURL() throws {
        let story = try parse("Title: T\n\nText.\n\nREAD MORE: [Other story](https://example.org/2)\n")
        #expect(story.readMoreLinks == [RelatedLink(title: "Other story", url: "https://example.org/2")])
    }

    @Test func headerlessFileWithLongFirstLineUsesItAsTitle() throws {
        let story = try parse("A whole headline that is clearly longer than a label\n\nBody paragraph.\n")
        #expect(story.title == "A whole headline that is clearly longer than a label")
        #expect(story.kicker == nil)
        #expect(story.body == [.paragraph("Body paragraph.")])
    }

    @Test func quotesListsAndHardWrappedParagraphs() throws {
        let story = try parse("""
        Title: T

        A paragraph
        wrapped by hand.

        > A quoted
        > passage.

        - first
        - second

        1. one
        2. two
        """)
        #expect(story.body == [
            .paragraph("A paragraph wrapped by hand."),
            .quote("A quoted passage."),
            .listItem("first", ordinal: nil), .listItem("second", ordinal: nil),
            .listItem("one", ordinal: 1), .listItem("two", ordinal: 2),
        ])
    }

    @Test func windowsLineEndingsAndBOM() throws {
        let story = try StoryFileParser.parse(Array("\u{FEFF}Title: T\r\n\r\nBody.\r\n".utf8)).get()
        #expect(story.title == "T")
        #expect(story.body == [.paragraph("Body.")])
    }

    @Test func problemsAreValuesNotCrashes() {
        #expect(StoryFileParser.parse([UInt8]()) == .failure(.empty))
        #expect(StoryFileParser.parse(Array("\n \n\t\n".utf8)) == .failure(.noText))
        #expect(StoryFileParser.parse([0x54, 0x69, 0x00, 0x01]) == .failure(.containsNUL(offset: 2)))
        #expect(StoryFileParser.parse([0x41, 0x42, 0xFF, 0x41]) == .failure(.invalidUTF8(offset: 2)))
        // Overlong encoding and a lone surrogate are not UTF-8 either.
        #expect(StoryFileParser.parse([0xC0, 0xAF]) == .failure(.invalidUTF8(offset: 0)))
        #expect(StoryFileParser.parse([0x41, 0xED, 0xA0, 0x80]) == .failure(.invalidUTF8(offset: 1)))
        // Truncated multi-byte sequence at the end.
        #expect(StoryFileParser.parse([0x41, 0xE2, 0x80]) == .failure(.invalidUTF8(offset: 1)))
    }

    @Test func problemMessagesAreOneLine() {
        for problem in [StoryFileProblem.empty, .noText, .containsNUL(offset: 3), .invalidUTF8(offset: 9), .unreadable("denied")] {
            #expect(!problem.description.contains("\n"))
            #expect(!problem.description.isEmpty)
        }
    }
}

@Suite struct LineEndingTests {
    @Test(arguments: ["\n", "\r\n", "\r"])
    func everyLineEndingReadsTheSame(ending: String) throws {
        let text = ["Title: T", "", "One.", "", "Two", "", "Three."].joined(separator: ending) + ending
        let story = try StoryFileParser.parse(text: text).get()
        #expect(story.title == "T")
        #expect(story.body == [.paragraph("One."), .subheading("Two"), .paragraph("Three.")])
    }
}
