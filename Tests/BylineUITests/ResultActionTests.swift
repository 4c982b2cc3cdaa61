import BylineCore
import Foundation
import Testing
import TerminalKit
@testable import BylineUI

/// What comes back from the shell (pages fetched, feeds fetched, libraries read) as typed
/// actions, and what `update` makes of each: whole states compared, and the words shown.
@Suite struct ResultActionTests {
    static let pageURL = "https://example.org/seed"

    /// Reading the seed story, loaded, as a reader is when pressing `f`.
    static func readingTheSeed() -> AppState {
        var state = Fixtures.state()
        _ = update(&state, .started)
        _ = update(&state, .storyLoaded(Fixtures.seedID, .success(Fixtures.seed)))
        _ = update(&state, .key(.enter))
        return state
    }

    @Test func aFullStorySavedBesideItsSummaryJoinsTheListOpensAndSaysSo() {
        var state = Self.readingTheSeed()
        let before = state
        let whole = StorySummary(id: StoryID("fetched/seed-whole.txt"), title: Fixtures.seed.title, published: Fixtures.date(20))

        let effects = update(&state, .fullStoryFetched(Fixtures.seedID, url: Self.pageURL,
                                                       .success(SavedStory(summary: whole, paragraphs: 12, isNewFile: true))))

        var expected = before
        expected.replaceStories(StoryRows([whole] + Fixtures.summaries))
        expected.list.selected = 0
        expected.history = [ReaderState(id: Fixtures.seedID)]
        expected.reader = ReaderState(id: whole.id)
        expected.setRead(whole.id, true)
        expected.message = StatusMessage("Fetched the full story (12 paragraphs)")
        #expect(state == expected)
        #expect(effects == [.loadStory(whole.id), .markRead(whole.id)])
    }

    @Test func aFullStoryReplacedInPlaceIsReadAgainWhereItIs() {
        var state = Self.readingTheSeed()
        let before = state
        let summary = Fixtures.summaries[0]

        let effects = update(&state, .fullStoryFetched(Fixtures.seedID, url: Self.pageURL,
                                                       .success(SavedStory(summary: summary, paragraphs: 7, isNewFile: false))))

        var expected = before
        expected.loaded[Fixtures.seedID] = nil
        expected.message = StatusMessage("Fetched the full story (7 paragraphs)")
        #expect(state == expected)
        #expect(effects == [.loadStory(Fixtures.seedID)])
    }

    @Test func aPageThatFailsChangesNothingButTheStatusLine() {
        var state = Self.readingTheSeed()
        let before = state

        let effects = update(&state, .fullStoryFetched(Fixtures.seedID, url: Self.pageURL, .failure(.httpStatus(404))))

        var expected = before
        expected.message = StatusMessage("https://example.org/seed: the server answered HTTP 404", isError: true)
        #expect(state == expected)
        #expect(effects.isEmpty)
    }

    /// Every outcome the shell reports, and the line the reader sees for it.
    @Test(arguments: [
        (Action.fullStoryFetched(Fixtures.seedID, url: pageURL, .failure(.storyUnreadable(FailureReason("the file is gone")))),
         "Cannot read seed.txt to add its full story: the file is gone"),
        (.fullStoryFetched(Fixtures.seedID, url: "ftp://x", .failure(.notAWebAddress)), "ftp://x: not a web address Byline can fetch"),
        (.fullStoryFetched(Fixtures.seedID, url: pageURL, .failure(.unreachable(FailureReason("timed out")))),
         "https://example.org/seed: timed out"),
        (.fullStoryFetched(Fixtures.seedID, url: pageURL, .failure(.notAPage(FailureReason("a binary file, not a page")))),
         "https://example.org/seed: a binary file, not a page"),
        (.fullStoryFetched(Fixtures.seedID, url: pageURL, .failure(.noStoryText)),
         "https://example.org/seed: no story text found on the page"),
        (.fullStoryFetched(Fixtures.seedID, url: pageURL, .failure(.noMoreText)),
         "https://example.org/seed: the page has no more text than the story"),
        (.linkedStoryFetched(url: pageURL, title: "Seed", .failure(.noStoryText)),
         "“Seed” is not in the library, and https://example.org/seed has no story text to save"),
        (.linkedStoryFetched(url: pageURL, title: "Seed", .failure(.notSaved(FailureReason("disk full")))),
         "Could not save the story: disk full"),
        (.feedsFetched(.failure(.noFeeds)), "No feeds yet: subscribe with `byline add URL`"),
        (.feedsFetched(.failure(.subscriptionsUnreadable(file: "/c/feeds.toml", FailureReason("line 2: bad")))),
         "Cannot read /c/feeds.toml: line 2: bad"),
        (.feedsFetched(.failure(.cannotFetch(into: "/lib", FailureReason("locked")))), "Cannot fetch into /lib: locked"),
        (.openedInBrowser(url: pageURL, .failure(.noBrowser)),
         "No browser to open https://example.org/seed: set [browser] command in config.toml or $BROWSER, or install xdg-open"),
        (.openedInBrowser(url: "https://example.org/seed", .failure(.noGraphicalSession)),
         "Over SSH with no graphical session: set a terminal browser ([browser] command = \"w3m %s\" in config.toml, or $BROWSER=lynx)"),
        (.openedInBrowser(url: "file:///etc", .failure(.notAWebAddress)),
         "Not opening file:///etc: only http and https addresses are opened"),
        (.openedInBrowser(url: pageURL, .failure(.failed(command: "lynx", status: 2))),
         "lynx failed (exit status 2) opening https://example.org/seed"),
        (.openedInBrowser(url: pageURL, .failure(.couldNotStart(command: "lynx", FailureReason("no such file")))),
         "lynx could not start: no such file"),
        (.marksNotSaved(.notSaved(FailureReason("read-only"))), "Could not save reading state: read-only"),
        (.marksNotSaved(.damagedAndSavedAgain(FailureReason("state was damaged"))),
         "state was damaged; your read and starred marks were saved again"),
        (.libraryRead(LibraryRead(folder: Fixtures.library.folder, number: 1), .failure(FailureReason("/lib: permission denied"))),
         "/lib: permission denied"),
    ] as [(Action, String)])
    func aFailureIsOneErrorLineSayingWhatWentWrong(action: Action, line: String) {
        var state = Fixtures.state()
        _ = update(&state, action)
        #expect(state.message == StatusMessage(line, isError: true))
    }

    @Test func aBrowserThatOpenedSaysWhich() {
        var state = Fixtures.state()
        _ = update(&state, .openedInBrowser(url: Self.pageURL, .success("xdg-open")))
        #expect(state.message == StatusMessage("Opened https://example.org/seed with xdg-open"))
    }
}

@Suite struct LibrarySwitchTests {
    static let seeds = URL(fileURLWithPath: "/tmp/byline-tests/seeds")
    static let own = URL(fileURLWithPath: "/tmp/byline-tests/own")

    @Test func fetchingFromTheSeedsSwitchesToTheReadersOwnLibraryWithItsMarks() {
        var state = AppState(library: LibraryPlace(folder: Self.seeds, fetchesInto: Self.own), stories: Fixtures.summaries,
                             screen: ScreenSize(width: 100, height: 20))
        _ = update(&state, .started)
        _ = update(&state, .key(.character("u")))
        #expect(update(&state, .key(.character("R"))) == [.refreshFeeds(into: Self.own)])

        let read = LibraryRead(folder: Self.own, number: 1)
        #expect(update(&state, .feedsFetched(.success(FeedsReport(summary: "1 feed: 2 new stories")))) == [.readLibrary(read)])
        // Until the listing comes, the seeds are shown and effects act on them.
        #expect(state.library.folder == Self.seeds)

        let first = StorySummary(id: StoryID("fetched/a.txt"), title: "First", published: Fixtures.date(30))
        let second = StorySummary(id: StoryID("fetched/b.txt"), title: "Second", published: Fixtures.date(29))
        let marks = LibraryListing.ReadingMarks(read: [second.id], starred: [second.id])
        let effects = update(&state, .libraryRead(read, .success(LibraryListing(stories: [first, second], marks: marks))))

        #expect(state.library == LibraryPlace(folder: Self.own))
        #expect(state.stories == StoryRows([first, second]))
        #expect(state.read == [second.id])
        #expect(state.starred == [second.id])
        #expect(state.unreadCount == 1)
        #expect(state.refresh == nil)
        #expect(state.message == StatusMessage("1 feed: 2 new stories"))
        // The seed shown is not in the new library: the pane follows the cursor.
        #expect(state.reader?.id == first.id)
        #expect(effects == [.loadStory(first.id)])
    }

    @Test func aSlowReadFinishingAfterANewerOneIsDropped() {
        var state = Fixtures.state()
        state.checksFolderOnStart = true
        let check = LibraryRead(folder: Fixtures.library.folder, number: 1, onlyIfChanged: true)
        #expect(update(&state, .started) == [.loadStory(Fixtures.seedID), .readLibrary(check)])
        _ = update(&state, .key(.character("R")))
        let afterFetch = LibraryRead(folder: Fixtures.library.folder, number: 2)
        #expect(update(&state, .feedsFetched(.success(FeedsReport(summary: "done")))) == [.readLibrary(afterFetch)])

        let new = StorySummary(id: StoryID("fetched/new.txt"), title: "New", published: Fixtures.date(30))
        _ = update(&state, .libraryRead(afterFetch, .success(LibraryListing(stories: [new] + Fixtures.summaries))))
        let shown = state
        // The start-up check read the folder before the fetch saved anything.
        #expect(update(&state, .libraryRead(check, .success(LibraryListing(stories: Fixtures.summaries)))).isEmpty)
        #expect(state == shown)
        #expect(state.stories.count == 4)
    }
}

@Suite struct ReaderPageStateTests {
    /// The seed laid out directly, for the pane the state has now.
    static func page(_ state: AppState, theme: Theme = .standard, selectedLink: Int? = nil) -> ReaderPage {
        ReaderPage.layout(Fixtures.seed, width: state.layout.readerText?.width ?? 0, theme: theme,
                          selectedLink: selectedLink, timeZone: state.timeZone)
    }

    @Test func thePageIsLaidOutAgainOnLoadResizeThemeAndLinkSelection() {
        var state = Fixtures.state(width: 100, height: 20)
        _ = update(&state, .key(.enter))
        let width = state.layout.readerText?.width ?? 0
        #expect(state.readerPage == ReaderPage.notice("Loading…", style: Theme.standard[.meta], width: width))
        _ = update(&state, .storyLoaded(Fixtures.seedID, .success(Fixtures.seed)))
        #expect(state.readerPage == Self.page(state))
        _ = update(&state, .resized(width: 150, height: 20))
        #expect(state.layout.readerText?.width != width)
        #expect(state.readerPage == Self.page(state))
        let dark = Theme(name: "dark", styles: [.link: Style(foreground: .ansi(2))])
        state.themes = [.standard, dark]
        _ = update(&state, .key(.character("t")))
        #expect(state.readerPage == Self.page(state, theme: dark))
        _ = update(&state, .key(.tab))
        #expect(state.readerPage == Self.page(state, theme: dark, selectedLink: 1))
    }
}

@Suite struct StoreTests {
    @Test func effectsArePerformedInTheOrderTheyWereAskedFor() {
        // One pane at a time; `2` on the list opens the story and follows its link 2 once
        // the story has loaded, which asks for more effects.
        var store = Store(Fixtures.state(width: 30, height: 10))
        var performed: [Effect] = []
        store.send(.key(.character("2"))) { effect, _ in
            performed.append(effect)
            if case .loadStory(let id) = effect { return [.storyLoaded(id, .success(Fixtures.story(id)))] }
            return []
        }
        // First in, first out: the seed's own effects finish before those its link led to.
        // The seed is left at once, so only the shadow story's "More on this" is asked for.
        #expect(performed == [.loadStory(Fixtures.seedID), .markRead(Fixtures.seedID),
                              .loadStory(Fixtures.shadowID), .markRead(Fixtures.shadowID), .findSimilar(Fixtures.shadowID)])
        #expect(store.state.reader?.id == Fixtures.shadowID)
    }

    @Test func performSeesTheStateAsItIsWhenTheEffectRuns() {
        var store = Store(Fixtures.state())
        var readWhenMarked: Set<StoryID> = []
        store.send(.key(.enter)) { effect, state in
            if case .markRead = effect { readWhenMarked = state.read }
            return []
        }
        #expect(readWhenMarked == [Fixtures.seedID])
    }
}

@Suite struct OpeningMessageTests {
    @Test func problemsAreToldOnOpeningMostUrgentFirst() {
        #expect(StatusMessage.opening(themeProblems: [], readingProblem: nil, skippedFiles: []) == nil)
        #expect(StatusMessage.opening(themeProblems: [], readingProblem: nil, skippedFiles: ["a.txt: not UTF-8"])
            == StatusMessage("Skipped a.txt: not UTF-8", isError: true))
        #expect(StatusMessage.opening(themeProblems: [], readingProblem: nil, skippedFiles: ["a.txt: empty", "b.txt: empty", "c.txt: empty"])
            == StatusMessage("Skipped a.txt: empty (and 2 more; ? lists them)", isError: true))
        #expect(StatusMessage.opening(themeProblems: [], readingProblem: "state damaged", skippedFiles: ["a.txt: empty"])
            == StatusMessage("state damaged", isError: true))
        #expect(StatusMessage.opening(themeProblems: ["dark.toml:3: bad colour"], readingProblem: "state damaged", skippedFiles: [])
            == StatusMessage("Theme not used: dark.toml:3: bad colour; using the default", isError: true))
    }

    /// The key that lists the skipped files is the one the key map binds to help.
    @Test func theSkippedFilesMessageNamesTheBoundHelpKey() {
        let others = KeyMap.standard.bindings.filter { $0.command != .help }
        let keyMap = KeyMap([KeyBinding(.help, keys: [.character("H")], help: "this help")] + others, footer: KeyMap.standard.footer)
        #expect(StatusMessage.opening(themeProblems: [], readingProblem: nil, skippedFiles: ["a.txt: empty", "b.txt: empty"], keyMap: keyMap)
            == StatusMessage("Skipped a.txt: empty (and 1 more; H lists them)", isError: true))
    }
}
