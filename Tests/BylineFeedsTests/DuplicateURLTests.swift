import BylineCore
import BylineFeeds
import Foundation
import Testing
import TestSupport

@Suite("Two stories with the same URL are one story")
struct DuplicateURLTests {
    @Test func twoFeedsCarryingTheSameStorySaveItOnce() async throws {
        let fixture = try FetchFixture()
        // Both feeds list http://example.org/story/1 and /story/2 (as an aggregator and the site do).
        fixture.server.route("/site", FetchTestFeeds.route(FetchTestFeeds.rss(title: "The Site", items: 2)))
        fixture.server.route("/aggregator", FetchTestFeeds.route(FetchTestFeeds.rss(title: "Aggregator", items: 2)))

        let report = try await fixture.fetch(["/site", "/aggregator"])

        #expect(report.failures.isEmpty)
        let urls = try fixture.storedStories().compactMap(\.url).sorted()
        #expect(urls == ["http://example.org/story/1", "http://example.org/story/2"])
        #expect(report.tally.new == 2)
    }

    @Test func aStoryAlreadyInTheLibraryIsNotFetchedAgainAsASecondCopy() async throws {
        let fixture = try FetchFixture()
        fixture.server.route("/site", FetchTestFeeds.route(FetchTestFeeds.rss(title: "The Site", items: 2)))
        _ = try await fixture.fetch(["/site"])
        fixture.server.route("/aggregator", FetchTestFeeds.route(FetchTestFeeds.rss(title: "Aggregator", items: 3)))

        let second = try await fixture.fetch(["/aggregator"])

        // Story 3 is new; stories 1 and 2 are the site's copies already.
        #expect(second.tally.new == 1)
        #expect(try fixture.storedStories().count == 3)
    }
}
