import Testing
@testable import BylineCore

@Suite struct StoryFileWriterTests {
    func roundTrip(_ story: Story) throws -> Story {
        try StoryFileParser.parse(text: StoryFileWriter.write(story)).get()
    }

    @Test func everyBlockKindSurvives() throws {
        let story = Story(
            title: "A title", kicker: "World", source: "Example News", author: "A. Writer",
            published: "2024-05-01T08:30:00Z", url: "https://example.org/a", feed: "https://example.org/feed",
            id: "tag:example.org,2024:a",
            related: [RelatedLink(title: "Other", url: "https://example.org/b"), RelatedLink(title: "Only a title")],
            body: [
                .paragraph("Lead with [a link](https://example.org/x) inside."),
                .subheading("What happened next"),
                .paragraph("More text."),
                .quote("Quoted words."),
                .listItem("bullet", ordinal: nil),
                .listItem("numbered", ordinal: 2),
                .readMore(RelatedLink(title: "Further reading")),
                .paragraph("Closing paragraph."),
            ],
            closingSource: "Agencies")
        #expect(try roundTrip(story) == story)
    }

    @Test func paragraphsThatLookLikeOtherThingsAreEscaped() throws {
        let story = Story(title: "T", body: [
            .paragraph("First."),
            .paragraph("Photo by AP"),          // short, no closing punctuation
            .paragraph("- not a list"),
            .paragraph("READ MORE: not a link, just text"),
            .paragraph("> not a quote"),
            .paragraph("Source: not the closing line"),
        ])
        #expect(try roundTrip(story) == story)
    }

    @Test func subheadingsThatDoNotLookLikeOneAreMarked() throws {
        let story = Story(title: "T", body: [
            .subheading("Why now?"),
            .paragraph("Because."),
            .subheading("The end"),
        ])
        let text = StoryFileWriter.write(story)
        #expect(text.contains("## Why now?"))
        #expect(try roundTrip(story) == story)
    }

    @Test func linkTargetsWithParenthesesSurvive() throws {
        let markup = InlineText.markup(text: "Foo [bar]", url: "https://en.wikipedia.org/wiki/Foo_(bar)")
        #expect(InlineText.runs("See " + markup) == [
            .text("See "), .link(text: "Foo (bar)", url: "https://en.wikipedia.org/wiki/Foo_%28bar%29"),
        ])
    }

    @Test func headerValuesStayOnOneLine() throws {
        let story = Story(title: "Two\nlines", source: "A\r\nB")
        let again = try roundTrip(story)
        #expect(again.title == "Two lines")
        #expect(again.source == "A B")
    }
}

@Suite struct ListWritingTests {
    @Test func itemsOfOneListAreWrittenOnConsecutiveLines() throws {
        let story = Story(title: "T", body: [
            .paragraph("Before."), .listItem("one", ordinal: nil), .listItem("two", ordinal: nil), .paragraph("After."),
        ])
        let text = StoryFileWriter.write(story)
        #expect(text.hasSuffix("Before.\n\n- one\n- two\n\nAfter.\n"))
        #expect(try StoryFileParser.parse(text: text).get() == story)
    }
}
