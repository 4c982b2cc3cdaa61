import Foundation

/// What Byline remembers about fetching one feed: kept apart from the hand-edited
/// subscriptions, in the library's `.byline/feeds-state.json`.
public struct FeedFetchState: Codable, Equatable, Sendable {
    /// The library subfolder of `feeds/` holding this feed's stories. It stays put when
    /// the feed moves, so a redirected feed does not store its stories twice.
    public var folder: String
    public var etag: String?
    public var lastModified: String?
    public var lastFetch: Date?
    /// The last fetch's failure, cleared by a success.
    public var lastError: String?
    public var storyCount: Int

    public init(folder: String, etag: String? = nil, lastModified: String? = nil, lastFetch: Date? = nil,
                lastError: String? = nil, storyCount: Int = 0) {
        self.folder = folder
        self.etag = etag
        self.lastModified = lastModified
        self.lastFetch = lastFetch
        self.lastError = lastError
        self.storyCount = storyCount
    }

    /// A feed fetched for the first time gets a folder named after its URL.
    public static func new(for url: String) -> FeedFetchState {
        FeedFetchState(folder: StableHash.hex(url))
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

    /// Writes the states atomically. Call it holding the library's writer lock.
    public func save(_ states: [String: FeedFetchState]) throws {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try AtomicFile.write(try encoder.encode(states), to: url)
    }
}
