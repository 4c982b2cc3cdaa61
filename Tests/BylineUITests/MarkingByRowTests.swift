import BylineCore
import Foundation
import TerminalKit
import Testing
@testable import BylineUI

/// The keys that look at every story of a list (`A`, `U`, `H`, `n`, a source's list) work
/// from the rows' read marks (`ReadRows`) rather than every story's id: what the reader
/// sees must stay as it was, also once the listing's rows have moved under the marks.
@Suite struct MarkingByRowTests {
    /// The two-feed library with a new story at the top, pushing every row down one.
    static func withNewStory() -> [StorySummary] {
        let (summary, _) = TwoFeeds.story("Ferry", 1, day: 10)
        return [summary] + TwoFeeds.all.map(\.0)
    }

    func arrives(_ stories: [StorySummary], in driver: inout StoryDriver) {
        let read = driver.state.askToRead(driver.state.library.folder)
        driver.send(.libraryRead(read, .success(LibraryListing(stories: stories))))
    }

    func titles(_ driver: StoryDriver) -> [String] { driver.state.visible.map { driver.state.stories[$0].title } }

    @Test func uTakesBackAEvenAfterTheRowsMoved() {
        var driver = TwoFeeds.driver()
        driver.press(.character("A"))
        #expect(driver.lines[0].hasSuffix("0 unread · 6 stories "))
        arrives(Self.withNewStory(), in: &driver)
        #expect(driver.lines[0].hasSuffix("1 unread · 7 stories "), "only the new story is unread")
        let effects = driver.press(.character("U"))
        // The stories `A` marked, not the rows they sit at now (one lower each).
        #expect(markedStories(effects).map(\.ids) == [Set(TwoFeeds.all.map(\.0.id))])
        #expect(markedStories(effects).map(\.read) == [false])
        #expect(driver.lines[0].hasSuffix("7 unread · 7 stories "))
        #expect(driver.state.read.isEmpty)
    }

    @Test func hidingReadFindsReadStoriesAtTheirNewRows() {
        var driver = TwoFeeds.driver()
        driver.press(.enter, .escape, .down, .enter, .escape)  // Reads Harbour 1 and Rail 1.
        arrives(Self.withNewStory(), in: &driver)
        driver.press(.home, .character("H"))
        #expect(titles(driver) == ["Ferry story 1", "Harbour story 2", "Rail story 2", "Harbour story 3", "Rail story 3"])
        #expect(driver.lines.contains { $0.contains("Harbour story 2") })
        #expect(!driver.lines.contains { $0.contains("Harbour story 1") })
        driver.press(.character("H"))
        #expect(titles(driver).count == 7)
    }

    @Test func nSkipsWhatAMarkedInASourceAndDChangesNoCount() {
        var driver = TwoFeeds.driver()
        driver.press(.down, .character("d"))  // Rail story 1 out of the list.
        driver.send(.storyDeleted(TwoFeeds.all[1].0.id, .success(.hidden)))
        driver.press(.character("S"), .down, .down)  // Harbour's row.
        driver.press(.character("A"))
        #expect(driver.state.message?.text == "Marked 3 stories in Harbour read (U undoes)")
        driver.press(.end, .enter)  // Rail's stories: Rail 1 is out of the list.
        #expect(titles(driver) == ["Rail story 2", "Rail story 3"])
        #expect(driver.lines[0].hasSuffix("2 unread · 2 stories "))
        driver.press(.escape, .home, .enter)  // Back to all stories.
        driver.press(.character("n"))
        #expect(driver.readingTitle == "Rail story 2", "Harbour's stories are read and Rail story 1 is out")
    }

    /// The sources view counts from the listing's numbering once it has come, and must
    /// show what it showed when it counted the listing itself.
    @Test func theSourcesViewCountsTheSameFromTheNumbering() {
        var counted = TwoFeeds.driver(), numbered = TwoFeeds.driver()
        numbered.send(.sourcesCounted(SourceNumbers(numbered.state.stories)))
        #expect(numbered.state.sourceNumbers.value != nil)
        for keys: [Key] in [[.enter, .escape, .down, .character("s")], [.character("S"), .down, .down, .character("A")]] {
            for key in keys {
                counted.press(key)
                numbered.press(key)
            }
            #expect(numbered.state.sourceRows == counted.state.sourceRows)
        }
        #expect(numbered.state.sourceRows.map { "\($0.scope.title) \($0.unread)/\($0.total)" }
            == ["All stories 3/6", "Starred 1/1", "Harbour 0/3", "Rail 3/3"])
        #expect(numbered.lines == counted.lines)
    }

    @Test func aNumberingOfAnotherListingIsNotTaken() {
        var driver = TwoFeeds.driver()
        driver.send(.sourcesCounted(SourceNumbers(StoryRows(Self.withNewStory()))))
        #expect(driver.state.sourceNumbers.value == nil)
    }

    /// `U` puts the read set back as `A` found it only when nothing was marked since: a
    /// story read after `A` stays read.
    @Test func uKeepsAStoryReadAfterA() {
        var driver = TwoFeeds.driver()
        driver.press(.character("S"), .down, .down, .enter)  // Harbour.
        driver.press(.character("A"))
        driver.press(.character("S"), .end, .enter, .enter)  // Reads Rail story 1.
        #expect(driver.readingTitle == "Rail story 1")
        driver.press(.character("U"))
        #expect(driver.state.read == [TwoFeeds.all[1].0.id])
        #expect(driver.state.unreadCount == 5)
        driver.press(.escape)
        #expect(driver.lines[0].hasSuffix("2 unread · 3 stories "))
    }

    @Test func readRowsCountWhatIsSetOnce() {
        var rows = ReadRows(rows: 130)
        rows.insert(0)
        rows.insert(129)
        rows.insert(129)
        rows.insert(130)  // Past the listing: not a row.
        #expect(rows.count == 2)
        #expect(rows.contains(129) && !rows.contains(64))
        #expect(rows.count(in: [0, 1, 129]) == 2)
        rows.remove(0)
        rows.remove(0)
        #expect(rows.count == 1)
    }
}
