#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
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
    public func load() -> [String: FeedFetchState] { loadNoting().states }

    /// The saved states, with the file as it was when they were read, so that
    /// `FeedBookkeeping.update` can take them again rather than decode the file twice in
    /// one fetch (a JSON decode of every feed's state is much of an unchanged refetch).
    public func loadNoting() -> LoadedFetchStates {
        let before = FileVersion(of: url.path)
        guard let data = try? Data(contentsOf: url) else { return LoadedFetchStates(states: [:], version: nil) }
        let states = FetchStateJSON.states(from: Array(data)) ?? Self.decode(data)
        // Replaced while it was read: never taken as the file's states again.
        let after = FileVersion(of: url.path)
        return LoadedFetchStates(states: states, version: before == after ? before : nil)
    }

    /// The states as JSONDecoder reads them: for a file not in the shape Byline writes
    /// (`FetchStateJSON.states(from:)`); empty when it cannot.
    static func decode(_ data: Data) -> [String: FeedFetchState] {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return (try? decoder.decode([String: FeedFetchState].self, from: data)) ?? [:]
    }

    /// Writes the states atomically. Call it holding `FeedBookkeeping.lock` (which also
    /// creates the state folder).
    ///
    /// - Parameter syncingFolder: false leaves the rename unflushed: after a crash the
    ///   file is the old one or the new one, never torn, for bookkeeping whose loss costs
    ///   only a download.
    public func save(_ states: [String: FeedFetchState], syncingFolder: Bool = true) throws {
        try AtomicFile.save(FetchStateJSON.bytes(states), to: url.path, syncingFolder: syncingFolder)
    }
}

/// Feed states as read from their file, and which file that was.
public struct LoadedFetchStates: Sendable {
    public let states: [String: FeedFetchState]
    let version: FileVersion?
}

/// What tells one version of a file from another without reading it: the file is
/// replaced by a rename on every save, so its inode changes, and its size and times
/// would change too.
struct FileVersion: Equatable, Sendable {
    let device: UInt64, inode: UInt64, size: Int64
    let modified: Int64, modifiedNanoseconds: Int64, changed: Int64, changedNanoseconds: Int64

    /// Nil when there is no file at `path`.
    init?(of path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        #if canImport(Darwin)
        (modified, modifiedNanoseconds) = (Int64(info.st_mtimespec.tv_sec), Int64(info.st_mtimespec.tv_nsec))
        (changed, changedNanoseconds) = (Int64(info.st_ctimespec.tv_sec), Int64(info.st_ctimespec.tv_nsec))
        #else
        (modified, modifiedNanoseconds) = (Int64(info.st_mtim.tv_sec), Int64(info.st_mtim.tv_nsec))
        (changed, changedNanoseconds) = (Int64(info.st_ctim.tv_sec), Int64(info.st_ctim.tv_nsec))
        #endif
    }
}
