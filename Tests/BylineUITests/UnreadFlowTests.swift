import BylineCore
import Foundation
import TerminalKit
import Testing
@testable import BylineUI

/// A library of two feeds, three stories each, and a plain file: the daily loop of
/// sources, unread stories, marking read and undoing.
enum TwoFeeds {
    static func story(_ source: String, _ n: Int, day: Int) -> (StorySummary, Story) {
        let story = Story(title: "\(source) story \(n)", source: source, url: "https://\(source.lowercased()).example/\(n)",
                          body: [.paragraph("Text of \(source) story \(n).")])
        var summary = StorySummary(id: StoryID("fetched/\(source.lowercased())-\(n).txt"), story: story)
        summary.published = Fixtures.date(day)
        return (summary, story)
    }

    static let all: [(StorySummary, Story)] = [
        story("Harbour", 1, day: 9), story("Rail", 1, day: 8), story("Harbour", 2, day: 7),
        story("Rail", 2, day: 6), story("Harbour", 3, day: 5), story("Rail", 3, day: 4),
    ]

    static func state(width: Int = 100, height: Int = 24) -> AppState {
        AppState(library: Fixtures.library, stories: all.map(\.0), screen: ScreenSize(width: width, height: height),
                 timeZone: TimeZone(identifier: "UTC")!, now: Fixtures.date(12))
    }

    static func driver(width: Int = 100, height: Int = 24) -> StoryDriver { StoryDriver(state(width: width, height: height)) }
}

/// Like `Driver`, with the two-feed library's stories.
struct StoryDriver {
    var state: AppState
    init(_ state: AppState) {
        self.state = state
        send(.started)
    }

    @discardableResult
    mutating func send(_ action: Action) -> [Effect] {
        var queue = [action]
        var others: [Effect] = []
        while !queue.isEmpty {
            for effect in update(&state, queue.removeFirst()) {
                if case .loadStory(let id) = effect, let story = TwoFeeds.all.first(where: { $0.0.id == id })?.1 {
                    queue.append(.storyLoaded(id, .success(story)))
                } else {
                    others.append(effect)
                }
            }
        }
        return others
    }

    @discardableResult
    mutating func press(_ keys: Key...) -> [Effect] { keys.flatMap { send(.key($0)) } }
    var lines: [String] { render(state).lines }
    var readingTitle: String? { state.reader.flatMap { id in state.stories.first { $0.id == id.id }?.title } }
}

@Suite struct SourcesViewTests {
    @Test func theSourcesViewCountsUnreadAndTotalPerSource() {
        var driver = TwoFeeds.driver()
        driver.press(.enter)  // Reads Harbour story 1.
        driver.press(.character("S"))
        let rows = driver.state.sourceRows.map { "\($0.scope.title) \($0.unread)/\($0.total)" }
        #expect(rows == ["All stories 5/6", "Starred 0/0", "Harbour 2/3", "Rail 3/3"])
        let screen = driver.lines
        #expect(screen[0].hasPrefix(" Byline — Sources"))
        #expect(screen[0].hasSuffix("2 sources · 5 unread "))
        #expect(screen.contains { $0.contains("Harbour") && $0.contains("2 unread · 3 stories") })
        #expect(screen.contains { $0.contains("Rail") && $0.contains("3 unread · 3 stories") })
    }

    @Test func enterListsASourcesStoriesAndBackReturns() {
        var driver = TwoFeeds.driver()
        driver.press(.character("S"), .end, .enter)
        #expect(driver.state.sources == nil)
        #expect(driver.state.scope == .source("Rail"))
        #expect(driver.state.visible.map { driver.state.stories[$0].title } == ["Rail story 1", "Rail story 2", "Rail story 3"])
        #expect(driver.lines[0].hasPrefix(" Byline — Rail"))
        #expect(driver.lines[0].hasSuffix("3 unread · 3 stories "))
        driver.press(.escape)
        #expect(driver.state.sources != nil, "back from a source's list returns to the sources view")
        #expect(driver.state.sourceRows[driver.state.sources?.list.selected ?? 0].scope == .source("Rail"))
        driver.press(.escape)
        #expect(driver.state.sources == nil)
    }

    @Test func sourcesSortByTitleOrNewest() {
        var driver = TwoFeeds.driver()
        driver.press(.character("S"), .character("O"))
        #expect(driver.state.sources?.order == .byTitle)
        #expect(driver.state.sourceRows.dropFirst(2).map(\.scope.title) == ["Harbour", "Rail"])
    }

    @Test func starredAndAllEntries() {
        var driver = TwoFeeds.driver()
        driver.press(.down, .character("s"))  // Star Rail story 1.
        driver.press(.character("S"), .down, .enter)
        #expect(driver.state.scope == .starred)
        #expect(driver.state.visible.map { driver.state.stories[$0].title } == ["Rail story 1"])
    }
}

@Suite struct UnreadFlowTests {
    @Test func nReadsTheUnreadStoriesInOrderAndCrossesIntoTheNextSource() {
        var driver = TwoFeeds.driver()
        driver.press(.character("S"), .down, .down, .enter)  // Harbour.
        var read: [String] = []
        for _ in 0..<6 {
            driver.press(.character("n"))
            read.append(driver.readingTitle ?? "-")
        }
        #expect(read == ["Harbour story 1", "Harbour story 2", "Harbour story 3", "Rail story 1", "Rail story 2", "Rail story 3"])
        #expect(driver.state.scope == .source("Rail"))
        driver.press(.character("n"))
        #expect(driver.state.message?.text == "No more unread stories")
        #expect(driver.state.unreadCount == 0)
    }

    @Test func capitalNGoesBackToThePreviousUnread() {
        var driver = TwoFeeds.driver()
        driver.press(.end, .enter)  // Rail story 3.
        driver.press(.character("N"))
        #expect(driver.readingTitle == "Harbour story 3")
    }

    @Test func markingTheListReadCanBeUndoneWithOneKey() {
        var driver = TwoFeeds.driver()
        driver.press(.character("S"), .down, .down, .enter)  // Harbour.
        let effects = driver.press(.character("A"))
        let harbour = TwoFeeds.all.map(\.0.id).filter { $0.path.contains("harbour") }
        #expect(effects.count == 1)
        #expect(markedStories(effects).map(\.ids) == [Set(harbour)] && markedStories(effects).map(\.read) == [true])
        #expect(driver.state.unreadCount == 3)
        #expect(driver.state.message?.text == "Marked 3 stories read (U undoes)")
        let undone = markedStories(driver.press(.character("U")))
        #expect(undone.map(\.ids) == [Set(harbour)] && undone.map(\.read) == [false])
        #expect(driver.state.unreadCount == 6)
        #expect(driver.state.message?.text == "Marked 3 stories unread again")
        driver.press(.character("U"))
        #expect(driver.state.message?.text == "Nothing to undo")
    }

    @Test func readStoriesCanBeHidden() {
        var driver = TwoFeeds.driver()
        driver.press(.enter, .escape, .down, .enter, .escape)  // Read the first two.
        driver.press(.character("H"))
        #expect(driver.state.visible.count == 5, "the story under the cursor stays until the cursor leaves it")
        #expect(driver.lines[0].contains("(read hidden)"))
        // Once the cursor has moved on, hiding again leaves out both read stories.
        driver.press(.down, .character("H"), .character("H"))
        #expect(driver.state.visible.map { driver.state.stories[$0].title }
            == ["Harbour story 2", "Rail story 2", "Harbour story 3", "Rail story 3"])
        driver.press(.character("H"))
        #expect(driver.state.visible.count == 6)
    }

    @Test func hidingReadWhenNearlyAllIsReadKeepsTheUnreadInOrder() {
        var driver = TwoFeeds.driver()
        driver.press(.character("A"))  // Every story read…
        driver.press(.down, .down, .character("u"), .down, .down, .character("u"))  // …but two.
        let unread = driver.state.visible.filter { !driver.state.isRead(row: $0) }.map { driver.state.stories[$0].title }
        #expect(unread.count == 2)
        driver.press(.character("H"))
        #expect(driver.state.visible.map { driver.state.stories[$0].title } == unread,
                "the cursor is on an unread story, so only the two unread ones are listed")
        driver.press(.character("H"))
        #expect(driver.state.visible.count == 6)
    }

    @Test func hidingAgainAfterShowingListsTheStoriesUnreadThenNotTheListBefore() {
        // Each `H` that hides fills the memory of the list the one before made: what it
        // lists must be worked out afresh every time.
        var driver = TwoFeeds.driver()
        func hidingNow() -> [String] {
            let cursor = driver.state.visible[driver.state.list.selected]
            return driver.state.visible.filter { !driver.state.isRead(row: $0) || $0 == cursor }.map { driver.state.stories[$0].title }
        }
        for round in 0..<4 {
            driver.press(.down, .character("u"))
            if round == 2 { driver.press(.up, .up, .character("u")) }  // one read made unread again
            let expected = hidingNow()
            driver.press(.character("H"))
            #expect(driver.state.visible.map { driver.state.stories[$0].title } == expected, "round \(round)")
            driver.press(.character("H"))
            #expect(driver.state.visible.count == 6)
        }
    }

    @Test func uSaysWhatItDid() {
        var driver = TwoFeeds.driver()
        driver.press(.character("u"))
        #expect(driver.state.message?.text == "Marked read")
        driver.press(.character("u"))
        #expect(driver.state.message?.text == "Marked unread")
    }
}


@Suite struct DeletingTests {
    @Test func dAsksTheShellWhichThenDeletesAndUBringsItBack() {
        var driver = TwoFeeds.driver()
        let first = driver.state.stories[0].id
        #expect(driver.press(.character("d")) == [.deleteStory(first)])
        driver.send(.storyDeleted(first, .success(.fileDeleted)))
        #expect(!driver.state.visible.map { driver.state.stories[$0].id }.contains(first))
        #expect(driver.state.selectedStory?.title == "Rail story 1", "the cursor moves to the next story")
        #expect(driver.state.message?.text == "Deleted “Harbour story 1” (U undoes)")
        #expect(driver.lines[0].hasSuffix("5 unread · 5 stories "))
        #expect(driver.press(.character("U")).contains(.restoreStory(first)))
        #expect(driver.state.visible.count == 6)
        #expect(driver.state.message?.text == "Story restored")
    }

    /// The library read again between `d` and `U` (after `R`, or the folder check) no
    /// longer lists the deleted file: `U` must bring the story back at once all the same.
    @Test func uBringsAStoryBackAfterTheLibraryWasReadAgain() {
        var driver = TwoFeeds.driver()
        let first = driver.state.stories[0].id
        driver.press(.character("d"))
        driver.send(.storyDeleted(first, .success(.fileDeleted)))
        var read = driver.state.askToRead(driver.state.library.folder)
        driver.send(.libraryRead(read, .success(LibraryListing(stories: TwoFeeds.all.dropFirst().map(\.0)))))
        #expect(driver.state.stories.count == 5)

        #expect(driver.press(.character("U")).contains(.restoreStory(first)))
        #expect(driver.state.visible.map { driver.state.stories[$0].id }.contains(first), "the story is listed again at once")
        #expect(driver.state.selectedStory?.id == first, "the cursor is on the story brought back")
        #expect(driver.lines.contains { $0.contains("Harbour story 1") })
        #expect(driver.lines[0].hasSuffix("6 unread · 6 stories "))
        // The next read, with the file back, lists it once.
        read = driver.state.askToRead(driver.state.library.folder)
        driver.send(.libraryRead(read, .success(LibraryListing(stories: TwoFeeds.all.map(\.0)))))
        #expect(driver.state.stories.filter { $0.id == first }.count == 1)
        #expect(driver.state.visible.count == 6)
    }

    @Test func theReadersOwnFileIsOnlyHidden() {
        var driver = TwoFeeds.driver()
        let first = driver.state.stories[0].id
        driver.press(.enter)
        driver.send(.storyDeleted(first, .success(.hidden)))
        #expect(driver.state.reader?.id != first, "the reader leaves a hidden story")
        #expect(driver.state.message?.text.contains("is your own file, so it is not deleted") == true)
        #expect(!driver.press(.character("U")).contains(.restoreStory(first)), "nothing to restore: the file never moved")
        #expect(driver.state.visible.count == 6)
    }

    @Test func aFailedDeleteSaysWhyAndKeepsTheStory() {
        var driver = TwoFeeds.driver()
        let first = driver.state.stories[0].id
        driver.send(.storyDeleted(first, .failure(FailureReason("permission denied"))))
        #expect(driver.state.message == StatusMessage("Not deleted: permission denied", isError: true))
        #expect(driver.state.visible.count == 6)
    }
}

@Suite struct SourceFolderTests {
    @Test func sourcesFiledInAFolderAreListedUnderItWithItsCounts() {
        var state = TwoFeeds.state()
        state.sourceFolders = ["Harbour": "Local", "Rail": "Local / Transport"]
        var driver = StoryDriver(state)
        driver.press(.character("S"))
        let rows = driver.state.sourceRows.map { "\($0.scope.title) \($0.unread)/\($0.total)" }
        #expect(rows == ["All stories 6/6", "Starred 0/0", "Local / 3/3", "Harbour 3/3", "Local / Transport / 3/3", "Rail 3/3"])
        #expect(driver.lines.contains { $0.contains("   Harbour") })
        // Enter on a folder lists the stories of the feeds in it.
        driver.press(.down, .down, .enter)
        #expect(driver.state.scope == .folder("Local"))
        #expect(driver.state.visible.count == 3)
    }
}
