import BylineCore
import Foundation
import TerminalKit
import Testing
@testable import BylineUI

/// The bottom line at 80×24 names the keys of the daily loop where they apply (`n` for
/// the next unread story, `S` for the sources), from the key map; and the sources view
/// does newsboat's feed-list keys: `n` to the next feed with news, `A` to clear one.
@Suite struct FooterHintTests {
    /// The list with the first story beside it, all of which shows ("All").
    @Test func theListsFooterNamesNextUnreadAndSources() {
        let driver = TwoFeeds.driver(width: 80, height: 24)
        #expect(driver.lines[23] == " ↑↓ move  ⏎ read  n unread  S sources  / search  ? help  q quit             All ")
    }

    @Test func theReadersFooterNamesNextUnread() {
        var driver = TwoFeeds.driver(width: 80, height: 24)
        driver.press(.character("n"))
        #expect(driver.state.focus == .reader)
        #expect(driver.lines[23] == " ← back  ↑↓ scroll  n unread  ⇥ links  ⏎ follow  ? help  q quit             All ")
    }

    @Test func theSourcesViewsFooterNamesItsOwnKeysAndNoReadingPosition() {
        var driver = TwoFeeds.driver(width: 80, height: 24)
        driver.press(.character("n"), .character("S"))
        #expect(driver.lines[23] == " ↑↓ move  ⏎ open  n next unread  A mark read  / search  ← back  q quit          ")
    }

    @Test func aReboundKeyIsWhatTheFooterNames() {
        var state = TwoFeeds.state(width: 80, height: 24)
        var bindings = KeyMap.standard.bindings
        if let sources = bindings.firstIndex(where: { $0.command == .showSources }) { bindings[sources].keys = [.character("F")] }
        state.keyMap = KeyMap(bindings, footer: KeyMap.standard.footer)
        let driver = StoryDriver(state)
        #expect(driver.lines[23].contains(" F sources "))
        #expect(!driver.lines[23].contains(" S "))
    }
}

@Suite struct SourcesViewKeysTests {
    /// Harbour, Rail (newest first) and a third feed, as the view lists them.
    func selectedTitle(_ driver: StoryDriver) -> String? {
        driver.state.sources.map { driver.state.sourceRows[$0.list.selected].scope.title }
    }

    @Test func nGoesToTheNextSourceWithUnreadStoriesAndSaysWhenThereIsNone() {
        var driver = TwoFeeds.driver()
        driver.press(.character("S"))
        #expect(selectedTitle(driver) == "All stories")
        driver.press(.character("n"))
        #expect(selectedTitle(driver) == "Harbour", "All stories and Starred are not sources: n skips them")
        driver.press(.character("n"))
        #expect(selectedTitle(driver) == "Rail")
        driver.press(.character("n"))
        #expect(selectedTitle(driver) == "Rail")
        #expect(driver.state.message?.text == "No more sources with unread stories")
        driver.press(.character("N"))
        #expect(selectedTitle(driver) == "Harbour")
    }

    @Test func aMarksTheSelectedSourceReadAndUUndoesIt() {
        var driver = TwoFeeds.driver()
        driver.press(.character("S"), .character("n"), .character("n"))
        let effects = driver.press(.character("A"))
        let rail = TwoFeeds.all.map(\.0).filter { $0.source == "Rail" }.map(\.id)
        #expect(effects.count == 1)
        #expect(markedStories(effects).map(\.ids) == [Set(rail)] && markedStories(effects).map(\.read) == [true])
        #expect(driver.state.message?.text == "Marked 3 stories in Rail read (U undoes)")
        #expect(driver.lines.contains { $0.contains("Rail") && $0.contains("0 unread · 3 stories") })
        #expect(driver.lines.contains { $0.contains("All stories") && $0.contains("3 unread · 6 stories") })
        #expect(driver.state.sources != nil, "the view stays, to clear the next feed")
        let undone = markedStories(driver.press(.character("U")))
        #expect(undone.map(\.ids) == [Set(rail)] && undone.map(\.read) == [false])
        #expect(driver.lines.contains { $0.contains("Rail") && $0.contains("3 unread · 3 stories") })
    }

    @Test func slashFromTheSourcesSearchesTheWholeLibrary() {
        var driver = TwoFeeds.driver()
        driver.press(.character("S"), .end, .enter)
        #expect(driver.state.scope == .source("Rail"))
        driver.press(.escape, .character("/"))
        #expect(driver.state.sources == nil)
        #expect(driver.state.scope == .all)
        #expect(driver.state.filter?.isEditing == true)
    }
}

@Suite struct StartViewTests {
    @Test func withFeedsToChooseFromTheReaderOpensOnTheSourcesAtTheFirstWithNews() {
        var state = TwoFeeds.state(width: 80, height: 24)
        state.opensOnSources = true
        state.setRead(TwoFeeds.all[0].0.id, true)
        state.setRead(TwoFeeds.all[2].0.id, true)
        state.setRead(TwoFeeds.all[4].0.id, true)
        let driver = StoryDriver(state)
        #expect(driver.lines[0].hasPrefix(" Byline — Sources"))
        #expect(driver.state.sources.map { driver.state.sourceRows[$0.list.selected].scope } == .source("Rail"),
                "Harbour is all read: the cursor starts on the first source with news")
        #expect(driver.lines[23].contains("n next unread"))
    }

    @Test func aLargeLibraryOpensOnItsSourcesToo() {
        // Above the 20,000 stories past which the reader once gave up counting at start.
        let stories = (0..<25_000).map { n in
            StorySummary(id: StoryID("fetched/\(n).txt"), story: Story(title: "Story \(n)", source: n % 2 == 0 ? "Harbour" : "Rail"))
        }
        var state = AppState(library: Fixtures.library, stories: stories, screen: ScreenSize(width: 80, height: 24))
        state.opensOnSources = true
        let driver = StoryDriver(state)
        #expect(driver.lines[0].hasPrefix(" Byline — Sources"))
        #expect(driver.state.sourceRows.map(\.total) == [25_000, 0, 12_500, 12_500])
    }

    @Test func aLibraryOfOneSourceOpensOnItsStories() {
        var state = AppState(library: Fixtures.library, stories: TwoFeeds.all.prefix(1).map(\.0),
                             screen: ScreenSize(width: 80, height: 24))
        state.opensOnSources = true
        let driver = StoryDriver(state)
        #expect(driver.state.sources == nil)
        #expect(driver.lines[0].hasPrefix(" Byline — All stories"))
    }
}
