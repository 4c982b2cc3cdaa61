import BylineCore
import Testing
import TerminalKit
@testable import BylineUI

@Suite struct UpdateTests {
    @Test func movingTheCursorLoadsTheStoryIntoTheReadingPane() {
        var state = Fixtures.state()
        let effects = update(&state, .key(.down))
        #expect(state.selectedStory?.id == Fixtures.shadowID)
        #expect(effects == [.loadStory(Fixtures.shadowID)])
        #expect(state.reader?.id == Fixtures.shadowID)
        #expect(state.focus == .list)
    }

    @Test func jAndKMoveLikeTheArrows() {
        var driver = Driver()
        driver.press(.character("j"), .character("j"), .character("k"))
        #expect(driver.state.selectedStory?.id == Fixtures.shadowID)
    }

    @Test func cursorStopsAtTheEnds() {
        var driver = Driver()
        #expect(driver.press(.up).isEmpty)
        driver.press(.end)
        #expect(driver.state.selectedStory?.id == Fixtures.iraqID)
        driver.press(.down)
        #expect(driver.state.selectedStory?.id == Fixtures.iraqID)
    }

    @Test func enterReadsTheStoryAndMarksItRead() {
        var state = Fixtures.state()
        let effects = update(&state, .key(.enter))
        #expect(state.focus == .reader)
        #expect(effects == [.loadStory(Fixtures.seedID), .markRead(Fixtures.seedID)])
        #expect(state.read.contains(Fixtures.seedID))
        // Reading it again does not mark it twice.
        _ = update(&state, .key(.escape))
        #expect(!update(&state, .key(.enter)).contains(.markRead(Fixtures.seedID)))
    }

    @Test func scrollingStaysWithinTheStory() {
        var driver = Driver(Fixtures.state(width: 100, height: 12))
        driver.press(.enter)
        driver.press(.up)
        #expect(driver.state.reader?.scroll == 0)
        driver.press(.pageDown)
        #expect(driver.state.reader?.scroll == 8)  // a page is the pane's height less two lines of overlap
        driver.press(.end)
        let bottom = driver.state.reader?.scroll ?? 0
        driver.press(.down, .character(" "))
        #expect(driver.state.reader?.scroll == bottom)
        #expect(driver.state.readingPosition == "End")
        driver.press(.home)
        #expect(driver.state.readingPosition == "Top")
    }

    @Test func followingARelatedLinkAndComingBack() {
        var driver = Driver(Fixtures.state(width: 100, height: 12))
        driver.press(.enter, .pageDown)
        let scrolled = driver.state.reader?.scroll
        // Link 2 is the curly-quoted READ MORE; the story's title uses a straight quote.
        let effects = driver.press(.character("2"))
        #expect(driver.state.reader?.id == Fixtures.shadowID)
        #expect(effects == [.markRead(Fixtures.shadowID)])
        #expect(driver.state.history.map(\.id) == [Fixtures.seedID])
        driver.press(.left)
        #expect(driver.state.reader?.id == Fixtures.seedID)
        #expect(driver.state.reader?.scroll == scrolled)
        #expect(driver.state.focus == .reader)
        driver.press(.left)
        #expect(driver.state.focus == .list)
    }

    @Test func tabSelectsLinksInTurnAndEnterFollows() {
        // No "More on this" links: only the story's own three.
        var driver = Driver(answersSearches: false)
        driver.press(.enter, .tab)
        #expect(driver.state.reader?.selectedLink == 1)
        driver.press(.tab, .tab, .tab)
        #expect(driver.state.reader?.selectedLink == 1)  // three links: wraps round
        driver.press(.backTab)
        #expect(driver.state.reader?.selectedLink == 3)
        driver.press(.backTab, .enter)
        #expect(driver.state.reader?.id == Fixtures.shadowID)
    }

    @Test func tabFromTheListOpensTheStoryAtItsFirstLink() {
        var driver = Driver()
        driver.press(.tab)
        #expect(driver.state.focus == .reader)
        #expect(driver.state.reader?.selectedLink == 1)
    }

    @Test func aLinkToAStoryNotInTheLibrarySaysSo() {
        var driver = Driver()
        let effects = driver.press(.enter, .character("3"))
        #expect(effects.isEmpty || effects == [.markRead(Fixtures.seedID)])
        #expect(driver.state.reader?.id == Fixtures.seedID)
        #expect(driver.state.message == StatusMessage("“A story nobody wrote” is not in the library", isError: true))
    }

    @Test func aLinkWithAnAddressNotInTheLibraryIsFetched() {
        var driver = Driver()
        driver.press(.end, .enter)
        let effects = driver.press(.character("1"))
        #expect(effects == [.fetchLinkedStory(url: "https://example.org/report", title: "the report")])
        #expect(driver.state.message?.text.contains("https://example.org/report") == true)
    }

    @Test func aMissingLinkNumberSaysSo() {
        var driver = Driver()
        driver.press(.enter, .character("9"))
        #expect(driver.state.message?.text == "This story has no link 9")
    }

    @Test func searchFindsHeadlinesAndTextBestFirstAndEscapeClears() {
        var driver = Driver()
        driver.press(.character("/"))
        driver.type("SOLEIMANI shadow")
        // The shadow story by its headline, then the seed, whose READ MORE line names it.
        #expect(driver.state.visible.count == 2)
        #expect(driver.state.selectedStory?.id == Fixtures.shadowID)
        #expect(driver.screen.contains("/SOLEIMANI shadow"))
        #expect(driver.screen.contains("search “SOLEIMANI shadow”"))
        #expect(driver.screen.contains("2 of 3 stories"))
        driver.press(.enter)
        #expect(driver.state.filter?.isEditing == false)
        #expect(driver.state.visible.count == 2)
        driver.press(.escape)
        #expect(driver.state.filter == nil)
        #expect(driver.state.visible.count == 3)
    }

    @Test func filterWithNoMatchShowsAnEmptyList() {
        var driver = Driver()
        driver.press(.character("/"))
        driver.type("zebra")
        #expect(driver.state.visible.isEmpty)
        #expect(driver.state.selectedStory == nil)
        #expect(driver.screen.contains("No story has those words."))
        driver.press(.backspace, .backspace, .backspace, .backspace, .backspace)
        #expect(driver.state.visible.count == 3)
    }

    @Test func toggleReadAndStar() {
        var driver = Driver()
        #expect(driver.press(.character("u")) == [.markRead(Fixtures.seedID)])
        #expect(driver.press(.character("u")) == [.markUnread(Fixtures.seedID)])
        #expect(driver.press(.character("s")) == [.star(Fixtures.seedID)])
        #expect(driver.state.starred == [Fixtures.seedID])
        #expect(driver.press(.character("s")) == [.unstar(Fixtures.seedID)])
    }

    @Test func openInBrowserNeedsAnAddress() {
        var driver = Driver()
        #expect(driver.press(.character("o")).isEmpty)
        #expect(driver.state.message?.isError == true)
        driver.press(.down)
        #expect(driver.press(.character("o")) == [.openInBrowser("https://example.org/shadow")])
    }

    @Test func themeCyclesAndHelpOpensAndCloses() {
        var state = Fixtures.state()
        state.themes = [.standard, Theme(name: "dark", styles: [:])]
        var driver = Driver(state)
        driver.press(.character("t"))
        #expect(driver.state.theme.name == "dark")
        driver.press(.character("t"))
        #expect(driver.state.theme.name == "default")
        driver.press(.character("?"))
        #expect(driver.state.showingHelp)
        #expect(driver.screen.contains("Byline keys"))
        driver.press(.character("x"))
        #expect(!driver.state.showingHelp)
    }

    @Test func quitIsAnEffect() {
        var state = Fixtures.state()
        #expect(update(&state, .key(.character("q"))) == [.quit])
    }

    @Test func aStoryThatFailsToLoadShowsWhy() {
        var state = Fixtures.state()
        _ = update(&state, .key(.enter))
        _ = update(&state, .storyLoaded(Fixtures.seedID, .failure(.invalidUTF8(offset: 7))))
        let pane = state.readerPage?.lines.map { $0.map(\.text).joined() }.joined(separator: " ") ?? ""
        #expect(pane == "This story could not be read: seed.txt: not valid UTF-8 at byte 7")
        #expect(render(state).lines.joined().contains("This story could not be read"))
    }

    @Test func savedStoryJoinsTheListAndOpens() {
        var driver = Driver()
        driver.press(.enter)
        let saved = StorySummary(id: StoryID("new.txt"), title: "Fetched story", published: Fixtures.date(20))
        let effects = driver.send(.linkedStoryFetched(url: "https://example.org/new", title: "Fetched story",
                                                      .success(SavedStory(summary: saved, paragraphs: 3, isNewFile: true))))
        #expect(driver.state.stories.first?.id == StoryID("new.txt"))
        #expect(driver.state.reader?.id == StoryID("new.txt"))
        #expect(driver.state.history.map(\.id) == [Fixtures.seedID])
        #expect(effects.contains(.markRead(StoryID("new.txt"))))
    }

    @Test func refreshReportsProgressThenASummaryWithTheNewStories() {
        var state = Fixtures.state()
        #expect(update(&state, .key(.character("R"))) == [.refreshFeeds(into: Fixtures.library.folder)])
        #expect(update(&state, .key(.character("R"))).isEmpty)
        _ = update(&state, .refreshProgress(done: 2, total: 5))
        #expect(render(state).lines.last?.contains("Fetching 2/5") == true)
        let read = LibraryRead(folder: Fixtures.library.folder, number: 1)
        #expect(update(&state, .feedsFetched(.success(FeedsReport(summary: "1 feed: 3 new stories")))) == [.readLibrary(read)])
        // The summary waits for the stories it counts.
        #expect(state.message?.text != "1 feed: 3 new stories")
        #expect(render(state).lines.last?.contains("Fetching") == true)
        let new = StorySummary(id: StoryID("fetched/new.txt"), title: "New", published: Fixtures.date(30))
        _ = update(&state, .libraryRead(read, .success(LibraryListing(stories: [new] + Fixtures.summaries))))
        #expect(state.refresh == nil)
        #expect(state.message?.text == "1 feed: 3 new stories")
        #expect(state.stories.count == 4)
        // A progress report arriving late does not bring the counter back.
        _ = update(&state, .refreshProgress(done: 5, total: 5))
        #expect(state.refresh == nil)
    }
}

@Suite struct MouseTests {
    @Test func clickSelectsThenOpens() {
        var driver = Driver()
        driver.press(.click(x: 10, y: 2))
        #expect(driver.state.selectedStory?.id == Fixtures.shadowID)
        #expect(driver.state.focus == .list)
        driver.press(.click(x: 10, y: 2))
        #expect(driver.state.focus == .reader)
        #expect(driver.state.reader?.id == Fixtures.shadowID)
    }

    @Test func wheelScrollsThePaneUnderThePointer() {
        var driver = Driver(Fixtures.state(width: 100, height: 12))
        driver.press(.wheel(x: 80, y: 5, lines: 3))
        #expect(driver.state.reader?.scroll == 3)
        #expect(driver.state.selectedStory?.id == Fixtures.seedID)
        // Over a list that fits on screen there is nothing to scroll.
        driver.press(.wheel(x: 5, y: 5, lines: 3))
        #expect(driver.state.selectedStory?.id == Fixtures.seedID)
    }

    @Test func wheelOverALongListScrollsItAndDragsTheCursorAlong() {
        let stories = (0..<40).map { StorySummary(id: StoryID("s\($0).txt"), title: "Story \($0)", published: Fixtures.date(-$0)) }
        var driver = Driver(AppState(library: Fixtures.library, stories: stories, screen: ScreenSize(width: 100, height: 12)))
        driver.press(.wheel(x: 5, y: 5, lines: 3))
        #expect(driver.state.list.offset == 3)
        #expect(driver.state.selectedStory?.id == StoryID("s3.txt"))  // the first row still on screen
        driver.press(.wheel(x: 5, y: 5, lines: -3))
        #expect(driver.state.list.offset == 0)
        #expect(driver.state.selectedStory?.id == StoryID("s3.txt"))  // on screen: stays
    }

    @Test func clickOnALinkFollowsIt() {
        var driver = Driver(Fixtures.state(width: 100, height: 40))
        driver.press(.enter, .end)
        let page = driver.state.readerPage!
        guard let line = page.linkLines[2], let text = driver.state.layout.readerText,
              let scroll = driver.state.reader?.scroll else {
            Issue.record("link 2 should be on the page")
            return
        }
        // A click on the text beside the link does nothing; one on the link follows it.
        driver.press(.click(x: text.x + text.width - 1, y: text.y + line - scroll))
        #expect(driver.state.reader?.id == Fixtures.seedID)
        driver.press(.click(x: text.x + 4, y: text.y + line - scroll))
        #expect(driver.state.reader?.id == Fixtures.shadowID)
    }
}

@Suite struct ReloadTests {
    @Test func aReloadKeepsTheCursorAndTheStoryShown() {
        var driver = Driver()
        driver.press(.down)
        let newest = StorySummary(id: StoryID("new.txt"), title: "Newest", published: Fixtures.date(30))
        driver.send(Fixtures.listing([newest] + Fixtures.summaries))
        #expect(driver.state.selectedStory?.id == Fixtures.shadowID)
        #expect(driver.state.reader?.id == Fixtures.shadowID)
        #expect(driver.state.stories.count == 4)
        #expect(driver.state.unreadCount == 4)
    }

    @Test func aReloadWithoutTheStoryOnScreenGoesBackToTheList() {
        var driver = Driver()
        driver.press(.down, .enter)
        let other = StorySummary(id: StoryID("fetched/a.txt"), title: "Another library's story", published: Fixtures.date(40))
        driver.send(Fixtures.listing([other]))
        #expect(driver.state.focus == .list)
        #expect(driver.state.reader?.id == other.id)
        #expect(driver.state.history.isEmpty)
    }

    @Test func aReloadReadsTheStoryOnScreenAgain() {
        var state = Fixtures.state()
        _ = update(&state, .started)
        _ = update(&state, .storyLoaded(Fixtures.seedID, .success(Fixtures.seed)))
        // A fetch rewrote the story in place; the new listing arrives.
        let effects = update(&state, Fixtures.listing(Fixtures.summaries))
        #expect(effects == [.loadStory(Fixtures.seedID)])
        #expect(state.loaded.isEmpty)
    }
}

@Suite struct ReviewFindingsTests {
    @Test func clearingTheFilterKeepsTheCursorOnTheSameStory() {
        var driver = Driver()
        driver.press(.character("/"))
        driver.type("iraq")  // the seed's text, the Iraq story's headline
        #expect(driver.state.visible.count == 2)
        driver.press(.down)
        let chosen = driver.state.selectedStory?.id
        driver.press(.escape)
        #expect(driver.state.filter == nil)
        #expect(driver.state.selectedStory?.id == chosen)
        #expect(driver.state.reader?.id == chosen)
    }

    @Test func backspacingAnEmptyFilterAwayKeepsTheCursor() {
        var driver = Driver()
        driver.press(.character("/"))
        driver.type("s")
        driver.press(.down)
        let chosen = driver.state.selectedStory?.id
        driver.press(.backspace, .backspace)
        #expect(driver.state.filter == nil)
        #expect(driver.state.selectedStory?.id == chosen)
    }

    @Test func aDigitInTheListOpensTheStoryUnderTheCursorAndFollowsItsLink() {
        // One pane at a time: the reading pane is not showing the story under the cursor.
        var driver = Driver(Fixtures.state(width: 30, height: 10))
        let effects = driver.press(.character("2"))
        #expect(effects == [.markRead(Fixtures.seedID), .markRead(Fixtures.shadowID)])
        #expect(driver.state.reader?.id == Fixtures.shadowID)
        #expect(driver.state.history.map(\.id) == [Fixtures.seedID])
        driver.press(.left, .left, .down)
        #expect(driver.state.focus == .list)
        #expect(driver.state.selectedStory?.id == Fixtures.shadowID)
        // The shadow story has no link 1: it says so about the story under the cursor.
        driver.press(.character("1"))
        #expect(driver.state.reader?.id == Fixtures.shadowID)
        #expect(driver.state.message?.text == "This story has no link 1")
    }
}
