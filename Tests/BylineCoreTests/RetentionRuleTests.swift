import BylineCore
import Foundation
import Testing

@Suite struct RetentionRuleTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let day = 86_400.0

    func candidate(_ name: String, publishedDaysAgo: Double?, fetchedDaysAgo: Double, feed: String? = nil,
                   starred: Bool = false) -> RetentionRule.Candidate {
        RetentionRule.Candidate(id: StoryID("fetched/\(name).txt"),
                                published: publishedDaysAgo.map { now.addingTimeInterval(-$0 * day) },
                                fetched: now.addingTimeInterval(-fetchedDaysAgo * day), feed: feed, starred: starred)
    }

    @Test func storiesOlderThanThePeriodGoAndStarredOnesStay() {
        let stories = [
            candidate("old", publishedDaysAgo: 100, fetchedDaysAgo: 95),
            candidate("young", publishedDaysAgo: 10, fetchedDaysAgo: 10),
            candidate("old-starred", publishedDaysAgo: 200, fetchedDaysAgo: 200, starred: true),
            candidate("undated", publishedDaysAgo: nil, fetchedDaysAgo: 91),
        ]
        #expect(RetentionRule.expired(stories, keep: 90 * day, perFeed: [:], now: now).map(\.path)
            == ["fetched/old.txt", "fetched/undated.txt"])
    }

    @Test func anOldStoryFetchedTodayStays() {
        let stories = [candidate("archive", publishedDaysAgo: 400, fetchedDaysAgo: 0)]
        #expect(RetentionRule.expired(stories, keep: 90 * day, perFeed: [:], now: now).isEmpty)
    }

    @Test func aFeedsOwnPeriodOverridesTheGlobalOne() {
        let stories = [
            candidate("news", publishedDaysAgo: 10, fetchedDaysAgo: 10, feed: "https://news.example/rss"),
            candidate("essay", publishedDaysAgo: 300, fetchedDaysAgo: 300, feed: "https://essays.example/rss"),
            candidate("other", publishedDaysAgo: 100, fetchedDaysAgo: 100, feed: "https://other.example/rss"),
        ]
        let perFeed: [String: Double?] = ["https://news.example/rss": 7 * day, "https://essays.example/rss": nil]
        #expect(RetentionRule.expired(stories, keep: 90 * day, perFeed: perFeed, now: now).map(\.path)
            == ["fetched/news.txt", "fetched/other.txt"])
        #expect(RetentionRule.shortest(keep: 90 * day, perFeed: perFeed) == 7 * day)
    }

    @Test func foreverKeepsEverything() {
        let stories = [candidate("ancient", publishedDaysAgo: 5000, fetchedDaysAgo: 5000)]
        #expect(RetentionRule.expired(stories, keep: nil, perFeed: [:], now: now).isEmpty)
    }
}
