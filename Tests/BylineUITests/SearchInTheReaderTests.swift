import BylineCore
import TerminalKit
import Testing
@testable import BylineUI

@Suite struct SearchInTheReaderTests {
    private func asking() -> Driver { Driver(answersSearches: false) }

    @Test func everyKeyAsksForASearchAndNeverWaitsForIt() {
        var driver = asking()
        driver.press(.character("/"))
        let first = driver.type("i")
        let second = driver.type("r")
        #expect(first == [.search(SearchRequest(number: 1, query: "i", listing: driver.state.listingVersion))])
        #expect(second == [.search(SearchRequest(number: 2, query: "ir", listing: driver.state.listingVersion))])
        // Until an answer comes the list stays as it was, and says it is searching.
        #expect(driver.state.visible.count == 3)
        #expect(driver.screen.contains("searching…"))
        #expect(driver.screen.contains("/ir"))
    }

    @Test func openingThePromptGetsTheSearchReadyBeforeTheFirstLetter() {
        var driver = asking()
        #expect(driver.press(.character("/")) == [.prepareSearch])
        #expect(driver.state.filter?.query == "")
    }

    @Test func anAnswerToAnOlderQueryIsDropped() {
        var driver = asking()
        driver.press(.character("/"))
        driver.type("ir")
        let version = driver.state.listingVersion
        let older = SearchRequest(number: 1, query: "i", listing: version)
        let latest = SearchRequest(number: 2, query: "ir", listing: version)
        driver.send(.searched(latest, .success(SearchFound(rows: [2, 0], total: 2))))
        #expect(driver.state.visible == [2, 0])
        #expect(driver.state.selectedStory?.id == Fixtures.iraqID)
        driver.send(.searched(older, .success(SearchFound(rows: [0, 1, 2], total: 3))))
        #expect(driver.state.visible == [2, 0])
        #expect(driver.screen.contains("2 of 3 stories"))
    }

    @Test func anAnswerAboutAListingThatChangedSinceIsAskedAgain() {
        var driver = asking()
        driver.press(.character("/"))
        driver.type("ir")
        let asked = SearchRequest(number: 2, query: "ir", listing: driver.state.listingVersion)
        driver.send(Fixtures.listing(Array(Fixtures.summaries.reversed()), read: 1))
        let effects = driver.send(.searched(asked, .success(SearchFound(rows: [2, 0], total: 2))))
        #expect(effects == [.search(SearchRequest(number: 3, query: "ir", listing: driver.state.listingVersion))])
        #expect(driver.state.filter?.found == nil)
    }

    @Test func resultsFollowTheirStoriesWhenTheListingChanges() {
        var driver = Driver()
        driver.press(.character("/"))
        driver.type("iraq")
        let found = driver.state.visible.map { driver.state.stories[$0].id }
        driver.send(Fixtures.listing(Array(Fixtures.summaries.reversed()), read: 1))
        #expect(driver.state.visible.map { driver.state.stories[$0].id } == found)
    }

    @Test func emptyingTheQueryShowsEveryStoryAgain() {
        var driver = Driver()
        driver.press(.character("/"))
        driver.type("zebra")
        #expect(driver.state.visible.isEmpty)
        driver.press(.backspace, .backspace, .backspace, .backspace)
        #expect(driver.state.visible.isEmpty)
        driver.press(.backspace)
        #expect(driver.state.visible.count == 3)
        #expect(driver.state.filter != nil)
    }

    @Test func aFailedSearchSaysWhy() {
        var driver = asking()
        driver.press(.character("/"))
        driver.type("x")
        driver.send(.searched(SearchRequest(number: 1, query: "x", listing: driver.state.listingVersion),
                              .failure(FailureReason("disk on fire"))))
        #expect(driver.state.message?.text == "Search failed: disk on fire")
    }

    @Test func helpAndFooterSayWhatSlashDoes() {
        #expect(KeyMap.standard.helpLines.contains { $0.keys == "/" && $0.words.hasPrefix("search headlines, sources and text") })
        #expect(Driver().screen.contains("/ search"))
    }
}

@Suite struct MoreOnThisTests {
    @Test func openingAStoryAsksForItsSimilarStories() {
        var driver = Driver(Fixtures.state(width: 30, height: 10), answersSearches: false)
        let effects = driver.press(.enter)
        #expect(effects.contains(.findSimilar(Fixtures.seedID)))
        // Known already: not asked again.
        driver.send(.similarFound(Fixtures.seedID, []))
        driver.press(.escape)
        #expect(!driver.press(.enter).contains(.findSimilar(Fixtures.seedID)))
    }

    @Test func aStoryShownAgainBeforeItsSimilarStoriesCameAsksAgain() {
        var driver = Driver(Fixtures.state(width: 100, height: 20), answersSearches: false)
        #expect(driver.press(.down).contains(.findSimilar(Fixtures.shadowID)))
        driver.press(.up)
        // The shell drops a request another overtook: shown again, the story asks again.
        #expect(driver.press(.down).contains(.findSimilar(Fixtures.shadowID)))
        driver.send(.similarFound(Fixtures.shadowID, []))
        driver.press(.up)
        #expect(!driver.press(.down).contains(.findSimilar(Fixtures.shadowID)))
    }

    @Test func theyAreListedLastAndNumberedAfterTheStorysLinks() throws {
        var driver = Driver(Fixtures.state(width: 200, height: 40))
        driver.press(.enter)
        let page = try #require(driver.state.readerPage)
        let text = page.lines.map { $0.map(\.text).joined() }
        let heading = try #require(text.firstIndex(of: "More on this"))
        // The reading measure wraps long headlines; each entry still ends with its number.
        let entries = text[(heading + 1)...].prefix { !$0.isEmpty }.joined(separator: " ")
        let iraq = try #require(entries.range(of: "US has ended its combat mission"))
        let four = try #require(entries.range(of: "[4]"))
        let shadow = try #require(entries.range(of: "Even in death"))
        let five = try #require(entries.range(of: "[5]"))
        #expect(iraq.lowerBound < four.lowerBound && four.lowerBound < shadow.lowerBound && shadow.lowerBound < five.lowerBound)
        #expect(page.links.suffix(2).map(\.story) == [Fixtures.iraqID, Fixtures.shadowID])
    }

    @Test func oneIsFollowedByNumberAndBackReturns() {
        var driver = Driver()
        driver.press(.enter)
        driver.press(.character("4"))
        #expect(driver.state.reader?.id == Fixtures.iraqID)
        #expect(driver.state.history.map(\.id) == [Fixtures.seedID])
        driver.press(.left)
        #expect(driver.state.reader?.id == Fixtures.seedID)
    }

    @Test func oneIsFollowedByTabAndEnter() {
        var driver = Driver()
        driver.press(.enter)
        for _ in 0..<5 { driver.press(.tab) }
        #expect(driver.state.reader?.selectedLink == 5)
        driver.press(.enter)
        #expect(driver.state.reader?.id == Fixtures.shadowID)
    }
}
