import BylineStore
import Foundation

/// What Byline remembers about fetching one feed: kept apart from the hand-edited
/// subscriptions, in the library's state folder (`.byline/feeds-state.json`).
public struct FeedFetchState: Codable, Equatable, Sendable {
    /// Goes into every story file name of this feed. It is the feed's first URL and stays
    /// when the feed moves, so a redirected feed does not store its stories twice.
    public var feedKey: String
    /// The feed's own title, from its last download.
    public var title: String?
    public var etag: String?
    public var lastModified: String?
    public var lastFetch: Date?
    /// The last fetch's failure, cleared by a success.
    public var lastError: String?
    /// Stories this feed has added to the library.
    public var storyCount: Int

    public init(feedKey: String, title: String? = nil, etag: String? = nil, lastModified: String? = nil, lastFetch: Date? = nil,
                lastError: String? = nil, storyCount: Int = 0) {
        self.feedKey = feedKey
        self.title = title
        self.etag = etag
        self.lastModified = lastModified
        self.lastFetch = lastFetch
        self.lastError = lastError
        self.storyCount = storyCount
    }

    public static func new(for url: String) -> FeedFetchState {
        FeedFetchState(feedKey: url)
    }
}

/// Every feed's fetch state, by feed URL.
public struct FetchStateFile: Sendable {
    public let url: URL

    public init(url: URL) { self.url = url }

    /// The saved states; empty when the file is missing or damaged (it can be rebuilt:
    /// the next fetch simply downloads every feed in full).
    public func load() -> [String: FeedFetchState] {
        guard let data = try? Data(contentsOf: url) else { return [:] }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return (try? decoder.decode([String: FeedFetchState].self, from: data)) ?? [:]
    }

    /// Writes the states atomically. Call it holding `FeedBookkeeping.lock` (which also
    /// creates the state folder).
    public func save(_ states: [String: FeedFetchState]) throws {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try AtomicFile.save(Array(try encoder.encode(states)), to: url.path)
    }
}
