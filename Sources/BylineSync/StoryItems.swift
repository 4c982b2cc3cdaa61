import BylineCore
import BylineFeeds
import FeedParsing
import BylineStore
import Foundation

/// Synced stories as feed items, so they are stored by the same path as fetched ones.
///
/// Each item carries its sync ID (`ttrss:42`), which names its file (with the account)
/// and is written as its `Sync-ID:` header: a story the server sends twice lands on the
/// same file, never a second one. Pure.
enum StoryItems {
    static let syncIDField = "sync_id"
    static let header = "Sync-ID"

    /// The sync ID of a server's story: the service and the server's ID.
    static func syncID(service: String, id: String) -> String { "\(service):\(id)" }

    /// One feed holding `stories` (all of the same server feed).
    static func feed(_ stories: [SyncedStory], service: String, title: String?) -> Feed {
        Feed(version: "sync", title: title ?? stories.first?.feedTitle, items: stories.map { item($0, service: service) })
    }

    static func item(_ story: SyncedStory, service: String) -> FeedItem {
        FeedItem(
            title: story.title, link: story.link, published: story.published, author: story.author,
            // The server keeps the feed's full content where the feed gives it; a short
            // one is a summary, and FullStoryRule treats it so (`auto` fetches the page).
            summary: story.html.map(ReceivedItems.html),
            fields: [syncIDField: .text(syncID(service: service, id: story.id))])
    }

    /// What names an item's file: its sync ID.
    static func key(_ item: FeedItem) -> String {
        item.fields[syncIDField]?.text.map { "sync:" + $0 } ?? FeedStory.key(of: item)
    }

    static func headers(_ item: FeedItem) -> [HeaderField] {
        item.fields[syncIDField]?.text.map { [HeaderField(name: header, value: $0)] } ?? []
    }

    /// The path of the story file a synced story is saved as, in the library.
    static func storyID(service: String, id: String, accountKey: String) -> StoryID {
        let key = "sync:" + syncID(service: service, id: id)
        return StoryID(StoryFileName.folder + "/" + FeedShelf.fileName(feedKey: accountKey, itemKey: key))
    }
}
