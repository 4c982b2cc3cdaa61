import Foundation
import Testing
@testable import BylineCore

/// The seed story ships unchanged in `seeds/`: a headerless file written by someone else.
@Suite struct SeedStoryTests {
    static let seedURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("seeds/000_72becf2b0ddcf6b5.txt")

    func seed() throws -> Story {
        let bytes = try Data(contentsOf: Self.seedURL)
        return try StoryFileParser.parse(bytes).get()
    }

    @Test func kickerAndTitleComeFromTheLead() throws {
        let story = try seed()
        #expect(story.kicker == "Fast News")
        #expect(story.title == "The crowd called for the expulsion of remaining American forces…")
    }

    @Test func subheadingIsRecognised() throws {
        let story = try seed()
        #expect(story.body.contains(.subheading("Calls for withdrawal of US troops")))
        // No other line of the seed reads as a subheading.
        #expect(story.body.filter { if case .subheading = $0 { true } else { false } }.count == 1)
    }

    @Test func bothReadMoreLinksAreLinks() throws {
        let story = try seed()
        #expect(story.readMoreLinks == [
            RelatedLink(title: "US has ended its combat mission in Iraq but its malign influence remains"),
            RelatedLink(title: "Even in death, Iran’s Soleimani still casts a long shadow"),
        ])
    }

    @Test func closingSourceIsTheSeedsSpelling() throws {
        let story = try seed()
        #expect(story.displaySource == "TRTWorld and agencies")
        #expect(story.source == nil)
    }

    @Test func leadStaysInTheBody() throws {
        let story = try seed()
        guard case .paragraph(let lead) = story.body.first else {
            Issue.record("the body should start with the lead paragraph")
            return
        }
        #expect(lead.hasPrefix("The crowd called for the expulsion"))
        // 22 lines: the kicker, 20 body blocks, the closing Source line.
        #expect(story.body.count == 20)
    }

    @Test func roundTripKeepsTheStory() throws {
        let story = try seed()
        let again = try StoryFileParser.parse(text: StoryFileWriter.write(story)).get()
        #expect(again == story)
    }
}
