import BylineCore
import Foundation
import TerminalKit
import Testing
@testable import BylineUI

/// Links that behave: numbers past 9, the browser for any link, and links that lead to
/// something that is not a story.
@Suite struct LinkBehaviourTests {
    static let manyID = StoryID("many.txt")
    static let many = Story(
        title: "A story with twelve links", url: "https://example.org/many",
        body: (1...12).map { .paragraph("Paragraph \($0) cites [source \($0)](https://example.org/source/\($0)).") })

    private func reading() -> AppState {
        var state = AppState(library: Fixtures.library, stories: [StorySummary(id: Self.manyID, story: Self.many)],
                             screen: ScreenSize(width: 100, height: 30))
        _ = update(&state, .started)
        _ = update(&state, .storyLoaded(Self.manyID, .success(Self.many)))
        _ = update(&state, .key(.enter))
        return state
    }

    @Test func twoDigitsReachLinkTwelve() {
        var state = reading()
        #expect(update(&state, .key(.character("1"))).isEmpty)
        #expect(state.message?.text.hasPrefix("Link 1…") == true)
        let effects = update(&state, .key(.character("2")))
        #expect(effects == [.fetchLinkedStory(url: "https://example.org/source/12", title: "source 12")])
        #expect(state.typedLinkNumber == nil)
    }

    @Test func aDigitThatCannotBeginALongerNumberFollowsAtOnce() {
        var state = reading()
        #expect(update(&state, .key(.character("3"))) == [.fetchLinkedStory(url: "https://example.org/source/3", title: "source 3")])
    }

    @Test func enterFollowsTheNumberTypedAndEscForgetsIt() {
        var state = reading()
        _ = update(&state, .key(.character("1")))
        #expect(update(&state, .key(.enter)) == [.fetchLinkedStory(url: "https://example.org/source/1", title: "source 1")])
        _ = update(&state, .key(.character("1")))
        #expect(update(&state, .key(.escape)).isEmpty)
        #expect(state.focus == .reader, "Esc cancels the number, it does not leave the story")
        #expect(state.typedLinkNumber == nil)
    }

    @Test func oOpensTheSelectedLinkElseTheStory() {
        var state = reading()
        #expect(update(&state, .key(.character("o"))) == [.openInBrowser("https://example.org/many")])
        _ = update(&state, .key(.tab))
        _ = update(&state, .key(.tab))
        #expect(update(&state, .key(.character("o"))) == [.openInBrowser("https://example.org/source/2")])
    }

    @Test func aLinkToAPDFIsNotSavedAndOOffersIt() {
        var state = reading()
        _ = update(&state, .key(.character("5")))
        let url = "https://example.org/source/5"
        let effects = update(&state, .linkedStoryFetched(url: url, title: "source 5", .failure(.notAStory("a PDF document"))))
        #expect(effects.isEmpty)
        #expect(state.message == StatusMessage("\(url) is a PDF document: not saved; o opens it in the browser", isError: true))
        #expect(state.stories.count == 1)
        #expect(update(&state, .key(.character("o"))) == [.openInBrowser(url)])
    }

    @Test func aPageAlreadyInTheLibraryOpensThatStory() {
        var driver = Driver()
        driver.press(.enter)
        let effects = driver.send(.linkedStoryFetched(url: "https://example.org/shadow?from=rss", title: "Shadow",
                                                      .failure(.alreadyInLibrary(Fixtures.shadowID))))
        #expect(!effects.contains { if case .fetchLinkedStory = $0 { true } else { false } })
        #expect(driver.state.reader?.id == Fixtures.shadowID)
        #expect(driver.state.history.map(\.id) == [Fixtures.seedID], "back returns to the story the link was in")
        #expect(driver.state.stories.count == 3, "no second copy")
    }
}
