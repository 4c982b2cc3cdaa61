import BylineCore
import Foundation
import TerminalKit
import Testing
@testable import BylineUI

/// Pages laid out lately are used again only for exactly the inputs they were made from.
@Suite struct ReaderPagesTests {
    func inputs(_ story: Story, width: Int, selectedLink: Int? = nil) -> ReaderPage.Inputs {
        ReaderPage.Inputs(id: Fixtures.seedID, content: .success(story), width: width, theme: .standard,
                          timeZone: TimeZone(identifier: "UTC")!, selectedLink: selectedLink)
    }

    func text(_ page: ReaderPage?) -> [String] { page?.lines.map { $0.map(\.text).joined() } ?? [] }

    @Test func aPageIsFoundOnlyForTheSameInputs() {
        var pages = ReaderPages()
        let narrow = inputs(Fixtures.seed, width: 30)
        pages.keep(ReaderPage.layout(narrow), for: narrow)
        #expect(pages.page(for: narrow) == ReaderPage.layout(narrow))
        #expect(pages.page(for: inputs(Fixtures.seed, width: 31)) == nil)
        #expect(pages.page(for: inputs(Fixtures.seed, width: 30, selectedLink: 1)) == nil)
        var changed = Fixtures.seed
        changed.title = "A new headline"
        #expect(pages.page(for: inputs(changed, width: 30)) == nil, "a story changed on disk is laid out afresh")
    }

    @Test func onlyTheLatestFewAreKept() {
        var pages = ReaderPages()
        let widths = Array(20..<(20 + ReaderPages.limit + 1))
        for width in widths {
            let made = inputs(Fixtures.seed, width: width)
            pages.keep(ReaderPage.layout(made), for: made)
        }
        #expect(pages.page(for: inputs(Fixtures.seed, width: widths[0])) == nil)
        for width in widths.dropFirst() { #expect(pages.page(for: inputs(Fixtures.seed, width: width)) != nil) }
    }

    @Test func backFromAStoryShowsItAsLaidOutForTheListAndAChangedStoryIsLaidOutAgain() throws {
        var driver = Driver(Fixtures.state(width: 100, height: 20))
        let preview = text(driver.state.readerPage)
        driver.press(.enter)
        #expect(text(driver.state.readerPage) != preview, "the story is laid out for the wider pane")
        driver.press(.escape)
        #expect(text(driver.state.readerPage) == preview)
        // The same story read again from disk with another headline.
        var changed = Fixtures.seed
        changed.title = "A new headline for the seed"
        driver.send(.storyLoaded(Fixtures.seedID, .success(changed)))
        #expect(text(driver.state.readerPage).contains("A new headline for the seed"))
        driver.press(.enter, .escape)
        #expect(text(driver.state.readerPage).contains("A new headline for the seed"))
    }
}
