import BylineFeeds
import FeedParsing

/// The server's feeds and folders, written into the reader's subscriptions.
///
/// Each server feed becomes (or stays) a subscription, its folder the feed's category;
/// the reader's own choices for it (`title`, `fullStory`) stay. A subscription that came
/// from the server and is gone from it is removed; feeds the reader added only locally
/// are left alone. Pure.
public enum SubscriptionMerge {
    public struct Result: Equatable {
        public var list: SubscriptionList
        public var added: [String] = []
        public var removed: [String] = []
    }

    public static func merge(_ list: SubscriptionList, feeds: [SyncFeed], folders: [SyncFolder],
                             previouslySynced: Set<String>) -> Result {
        let folderTitles = Dictionary(folders.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
        var result = Result(list: list)
        for feed in feeds {
            let folder = feed.folderID.flatMap { folderTitles[$0] }
            if let index = result.list.subscriptions.firstIndex(where: { SubscriptionList.comparable($0.url) == SubscriptionList.comparable(feed.url) }) {
                result.list.subscriptions[index].folder = folder
            } else {
                result.list.add(Subscription(url: feed.url, title: feed.title.isEmpty ? nil : feed.title, folder: folder))
                result.added.append(feed.url)
            }
        }
        let onServer = Set(feeds.map { SubscriptionList.comparable($0.url) })
        for url in previouslySynced.sorted() where !onServer.contains(SubscriptionList.comparable(url)) {
            let gone = result.list.subscriptions.filter { SubscriptionList.comparable($0.url) == SubscriptionList.comparable(url) }
            result.list.subscriptions.removeAll { SubscriptionList.comparable($0.url) == SubscriptionList.comparable(url) }
            result.removed += gone.map(\.url)
        }
        return result
    }
}
