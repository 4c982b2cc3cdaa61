import Testing
import BylineCore

@Suite struct HeadlineTests {
    @Test func firstSentenceSkipsInitialsAndNumbers() {
        #expect(Headline.firstSentence(of: "The U.S. said 3.5 million. Then more.") == "The U.S. said 3.5 million.")
    }

    @Test func shortensAtAWordBoundary() {
        let text = String(repeating: "word ", count: 30)
        let short = Headline.shortened(text)
        #expect(short.hasSuffix("…"))
        #expect(short.count <= Headline.derivedLength + 1)
        #expect(!short.contains("wor…"))
    }

    @Test func shortTextIsKept() {
        #expect(Headline.shortened("Brief.") == "Brief.")
    }

    @Test func storyDates() {
        #expect(StoryDate.parse("2022-01-08T10:00:00Z") == StoryDate.parse("2022-01-08T12:00:00+02:00"))
        #expect(StoryDate.parse("2022-01-08") != nil)
        #expect(StoryDate.parse("yesterday") == nil)
        #expect(StoryDate.parse("2022-13-01") == nil)
    }
}
