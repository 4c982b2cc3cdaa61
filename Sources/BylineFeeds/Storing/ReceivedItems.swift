import BylineCore
import BylineStore
import FeedParsing
import Foundation

/// Saves feed items that arrived from somewhere other than the feed itself (a sync
/// server) the way fetching saves a feed's own: each item becomes a story through
/// `FeedStory` (HTML to story text, related links), summary-only items get their page
/// fetched for the full story as the subscription's `fullStory` says, and the files go
/// through `FeedShelf.save`, so the library (and its index) sees them as it sees fetched
/// stories.
public struct ReceivedItems: Sendable {
    public let library: Library
    public let converter: StoryTextConverter
    let pages: StoryPages

    /// - Parameter client: fetches the story pages, under its limits and time-outs.
    public init(library: Library, converter: StoryTextConverter = .standard, client: HTTPClient, concurrency: Int = 8) {
        self.library = library
        self.converter = converter
        pages = StoryPages(client: client, slots: RequestSlots(max(1, concurrency)),
                           folder: library.folder.appendingPathComponent(StoryFileName.folder))
    }

    /// What saving one feed's items did.
    public struct Saved: Sendable {
        public var tally = FeedShelf.Tally()
        public var fullStories = 0
        public var pageFailures: [PageFailure] = []
    }

    /// Saves `feed`'s items as stories of `subscription`, each file named by the hash of
    /// `feedKey` and `itemKey(item)`, so an item saved again lands on its own file and is
    /// never stored twice; `headers` adds the caller's headers. With `pending`, the
    /// stories saved wait there to be indexed with others (`Library.save(_:pending:)`).
    public func save(_ feed: Feed, of subscription: Subscription, feedKey: String, itemKey: (FeedItem) -> String,
                     headers: (FeedItem) -> [HeaderField], pending: PendingIndex? = nil) async throws -> Saved {
        let shelf = FeedShelf(library: library, converter: converter)
        let (changes, unchanged) = shelf.changes(in: feed, of: subscription, feedKey: feedKey, itemKey: itemKey, headers: headers)
        let completed = await pages.complete(changes, unchanged: unchanged, mode: subscription.fullStory, feed: subscription.url)
        var saved = Saved()
        saved.tally = try shelf.save(completed.changes, unchanged: completed.unchanged, pending: pending)
        saved.fullStories = completed.fullStories.count
        saved.pageFailures = completed.failures
        return saved
    }

    /// HTML from a server, made safe as a feed's HTML is: the feed allow-list keeps text,
    /// links and structure and drops scripts, styles and event handlers.
    public static func html(_ html: String) -> FeedText {
        FeedText(value: SanitisedHTML.fromServer(html), isHTML: true)
    }
}
