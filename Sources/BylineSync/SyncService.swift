import Foundation

/// A feed server Byline syncs with, in the few operations sync needs.
///
/// Tiny Tiny RSS is `TTRSSService`; the Google Reader API (FreshRSS, Miniflux, Inoreader,
/// The Old Reader) and Nextcloud News fit the same shape, one file each: every operation
/// here is one or a few of their calls. IDs are the server's, as text. Each operation
/// throws a `SyncFailure` that says in one line what went wrong.
public protocol SyncService: Sendable {
    /// Logs in (again, if already logged in) and says what the server is.
    func logIn() async throws(SyncFailure) -> ServerInfo

    /// The server's folders (categories, tags or folders, as the service calls them).
    func folders() async throws(SyncFailure) -> [SyncFolder]

    /// The feeds subscribed on the server.
    func feeds() async throws(SyncFailure) -> [SyncFeed]

    /// The next page of stories that arrived on the server after `cursor`, with content.
    /// `StoryBatch.cursor` is where the next call (or the next sync) carries on from.
    func stories(after cursor: SyncCursor) async throws(SyncFailure) -> StoryBatch

    /// Sets one mark on a batch of stories.
    func send(_ update: MarkUpdate) async throws(SyncFailure)

    /// The IDs of every unread and every starred story on the server. A reader's unread
    /// and starred lists are a small part of their archive, so this stays a few requests
    /// at 10,000 stories, where asking after every story would take one per page of them.
    func markedStories() async throws(SyncFailure) -> ServerMarks

    /// Subscribes on the server; returns the new (or existing) feed's ID.
    func subscribe(url: String, folder: SyncFolder?) async throws(SyncFailure) -> String

    /// Unsubscribes on the server.
    func unsubscribe(feedID: String) async throws(SyncFailure)

    /// Ends the session; failures are ignored (the session expires anyway).
    func logOut() async
}

/// Where a sync carries on from: opaque text each service writes and reads its own way.
public struct SyncCursor: Equatable, Codable, Sendable {
    public var value: String
    public init(_ value: String) { self.value = value }
    /// Before the first sync: everything on the server is new.
    public static let start = SyncCursor("")
}

/// What the server is, for `byline sync --check`.
public struct ServerInfo: Equatable, Sendable {
    /// "Tiny Tiny RSS", with its version when the server tells it.
    public var name: String
    public var apiLevel: Int?
    public init(name: String, apiLevel: Int?) {
        self.name = name
        self.apiLevel = apiLevel
    }
}

public struct SyncFolder: Equatable, Sendable {
    public var id: String
    public var title: String
    public init(id: String, title: String) {
        self.id = id
        self.title = title
    }
}

public struct SyncFeed: Equatable, Sendable {
    public var id: String
    public var url: String
    public var title: String
    /// The folder's ID, nil when the feed is in none.
    public var folderID: String?
    public init(id: String, url: String, title: String, folderID: String?) {
        self.id = id
        self.url = url
        self.title = title
        self.folderID = folderID
    }
}

/// A story as the server gives it.
public struct SyncedStory: Equatable, Sendable {
    public var id: String
    public var feedID: String
    public var feedTitle: String?
    public var title: String?
    public var link: String?
    public var author: String?
    public var published: Date?
    /// The story's HTML as the server stored it from the feed.
    public var html: String?
    public var unread: Bool
    public var starred: Bool

    public init(id: String, feedID: String, feedTitle: String? = nil, title: String? = nil, link: String? = nil,
                author: String? = nil, published: Date? = nil, html: String? = nil, unread: Bool = true, starred: Bool = false) {
        self.id = id
        self.feedID = feedID
        self.feedTitle = feedTitle
        self.title = title
        self.link = link
        self.author = author
        self.published = published
        self.html = html
        self.unread = unread
        self.starred = starred
    }
}

/// One page of new stories.
public struct StoryBatch: Equatable, Sendable {
    public var stories: [SyncedStory]
    /// Where to carry on from once these stories are saved.
    public var cursor: SyncCursor
    /// No more new stories after this page.
    public var isLast: Bool
    public init(stories: [SyncedStory], cursor: SyncCursor, isLast: Bool) {
        self.stories = stories
        self.cursor = cursor
        self.isLast = isLast
    }
}

/// One mark set on a batch of stories.
public struct MarkUpdate: Equatable, Sendable {
    public enum Mark: String, Equatable, Sendable, CaseIterable {
        case read, unread, starred, unstarred
    }
    public var mark: Mark
    public var storyIDs: [String]
    public init(_ mark: Mark, _ storyIDs: [String]) {
        self.mark = mark
        self.storyIDs = storyIDs
    }
}

/// The server's unread and starred stories, by ID.
public struct ServerMarks: Equatable, Sendable {
    public var unread: Set<String>
    public var starred: Set<String>
    public init(unread: Set<String> = [], starred: Set<String> = []) {
        self.unread = unread
        self.starred = starred
    }
}
