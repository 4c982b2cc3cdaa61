import BylineCore
import Testing
@testable import BylineUI

/// The header's "N unread · M stories" for one source's list, kept as marks change rather
/// than counted over the source's stories on every frame; and the source's rows, made
/// again only when what they are made from changes.
@Suite struct ScopeCountTests {
    /// The count the header must show: the scope's unread stories, counted afresh.
    func counted(_ state: AppState) -> Int {
        state.inScope.filter { !state.read.contains(state.stories.id(at: $0)) }.count
    }

    func header(_ driver: StoryDriver) -> String { driver.lines[0] }

    @Test func aSourcesCountFollowsReadingMarkingAndUndoing() {
        var driver = TwoFeeds.driver()
        driver.press(.character("S"), .down, .down, .enter)  // Harbour.
        #expect(header(driver).hasSuffix("3 unread · 3 stories "))
        driver.press(.enter)  // Reads Harbour story 1.
        #expect(header(driver).hasSuffix("2 unread · 3 stories "))
        driver.press(.character("u"))  // Unread again.
        #expect(header(driver).hasSuffix("3 unread · 3 stories "))
        driver.press(.escape, .character("A"))
        #expect(header(driver).hasSuffix("0 unread · 3 stories "))
        driver.press(.character("U"))
        #expect(header(driver).hasSuffix("3 unread · 3 stories "))
        #expect(driver.state.scopeUnread == counted(driver.state))
    }

    @Test func storiesOfOtherSourcesDoNotCount() {
        var driver = TwoFeeds.driver()
        driver.press(.character("S"), .down, .down, .enter)  // Harbour.
        let rail = TwoFeeds.all.map(\.0.id).filter { $0.path.contains("rail") }
        for id in rail { driver.state.setRead(id, true) }
        #expect(driver.state.unreadCount == 3)
        #expect(driver.state.scopeUnread == 3)
        driver.state.setRead(rail[0], true)  // Read already: nothing changes.
        driver.state.setRead(rail[1], false)
        #expect(driver.state.unreadCount == 4)
        #expect(driver.state.scopeUnread == 3)
    }

    @Test func aDeletedStoryLeavesTheCountAndUndoBringsItBack() {
        var driver = TwoFeeds.driver()
        driver.press(.character("S"), .down, .down, .enter)  // Harbour.
        let first = TwoFeeds.all[0].0.id
        driver.send(.storyDeleted(first, .success(.fileDeleted)))
        #expect(header(driver).hasSuffix("2 unread · 2 stories "))
        driver.press(.character("U"))
        #expect(header(driver).hasSuffix("3 unread · 3 stories "))
    }

    @Test func newMarksForTheLibraryAreCountedAgain() {
        var driver = TwoFeeds.driver()
        driver.press(.character("S"), .down, .down, .enter)  // Harbour.
        let harbour = TwoFeeds.all.map(\.0.id).filter { $0.path.contains("harbour") }
        driver.state.replaceMarks(read: Set(harbour.prefix(2)), starred: [])
        #expect(driver.state.scopeUnread == 1)
        #expect(header(driver).hasSuffix("1 unread · 3 stories "))
    }

    @Test func theStarredListIsMadeAgainAfterAStarIsTaken() {
        var driver = TwoFeeds.driver()
        driver.press(.character("s"), .down, .character("s"))  // Stars the first two.
        driver.press(.character("S"), .down, .enter)  // Starred.
        #expect(driver.state.visible.count == 2)
        driver.press(.character("s"))  // Unstars the one under the cursor.
        // A search started and left makes the list again: without the unstarred story.
        driver.press(.character("/"), .escape)
        #expect(driver.state.visible.count == 1)
        #expect(header(driver).hasSuffix("1 unread · 1 story "))
    }

    @Test func searchingWithinASourceKeepsItsCount() {
        var driver = TwoFeeds.driver()
        driver.press(.character("S"), .end, .enter)  // Rail.
        driver.press(.enter, .escape)  // Reads Rail story 1.
        driver.press(.character("/"), .character("r"))
        driver.press(.escape)
        #expect(driver.state.visible.count == 3)
        #expect(header(driver).hasSuffix("2 unread · 3 stories "))
        #expect(driver.state.scopeUnread == counted(driver.state))
    }
}
