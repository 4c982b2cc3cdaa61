import BylineFeeds
import FeedParsing
import Testing

@Suite("feeds.toml keeps a feed's folder and retention")
struct SubscriptionFolderTests {
    @Test func folderAndKeepSurviveWritingAndReading() throws {
        let subscriptions = [
            Subscription(url: "https://a.example/rss", title: "World", folder: "News"),
            Subscription(url: "https://b.example/atom", title: "Tech", keep: "30d", folder: "News / Deeper"),
            Subscription(url: "https://top.example/rss", title: "Top"),
        ]
        var list = SubscriptionList()
        for subscription in subscriptions { list.add(subscription) }
        let again = try SubscriptionsTOML.parse(SubscriptionsTOML.render(list), name: "feeds.toml")
        #expect(again.subscriptions == subscriptions)
    }
}
