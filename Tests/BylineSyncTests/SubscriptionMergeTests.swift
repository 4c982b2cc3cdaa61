import BylineFeeds
import FeedParsing
import Testing
@testable import BylineSync

@Suite("The server's feeds and folders in the subscriptions")
struct SubscriptionMergeTests {
    let folders = [SyncFolder(id: "1", title: "News"), SyncFolder(id: "2", title: "Tech")]

    @Test("server feeds are added with their folder; the reader's own settings stay")
    func adds() {
        let list = SubscriptionList([Subscription(url: "https://a.example/feed", title: "Mine", fullStory: .never)])
        let feeds = [SyncFeed(id: "1", url: "https://a.example/feed/", title: "A", folderID: "2"),
                     SyncFeed(id: "2", url: "https://b.example/rss", title: "B", folderID: nil)]
        let result = SubscriptionMerge.merge(list, feeds: feeds, folders: folders, previouslySynced: [])
        #expect(result.list.subscriptions == [
            Subscription(url: "https://a.example/feed", title: "Mine", fullStory: .never, folder: "Tech"),
            Subscription(url: "https://b.example/rss", title: "B", folder: nil),
        ])
        #expect(result.added == ["https://b.example/rss"])
    }

    @Test("a feed gone from the server goes; one added only here stays")
    func removes() {
        let list = SubscriptionList([Subscription(url: "https://gone.example/rss"), Subscription(url: "https://local.example/rss")])
        let result = SubscriptionMerge.merge(list, feeds: [], folders: folders, previouslySynced: ["https://gone.example/rss"])
        #expect(result.list.subscriptions.map(\.url) == ["https://local.example/rss"])
        #expect(result.removed == ["https://gone.example/rss"])
    }

    @Test("folders survive the subscriptions file's round trip")
    func folderKey() throws {
        let list = SubscriptionList([Subscription(url: "https://a.example/feed", title: "A", folder: "News")])
        let text = SubscriptionsTOML.render(list)
        #expect(text.contains("folder = \"News\""))
        #expect(try SubscriptionsTOML.parse(text, name: "feeds.toml") == list)
    }
}
