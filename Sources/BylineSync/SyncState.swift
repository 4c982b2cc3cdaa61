import BylineCore
import BylineStore
import Foundation

/// What a library remembers between syncs, in `sync-state.json` in its state folder:
/// where the server's stories were read up to, which server stories it holds, and which
/// subscriptions came from the server.
///
/// Written atomically, and only after the stories up to `cursor` are saved: a sync
/// stopped at any point (`kill -9` included) carries on from the last page it finished.
public struct SyncState: Codable, Equatable, Sendable {
    /// The account this state belongs to (`SyncAccount.key`); another account starts afresh.
    public var account: String
    public var cursor: SyncCursor
    /// The server's ID of every story synced into the library, and its story file's path.
    public var stories: [String: String]
    /// Subscription URLs the server gave at the last sync.
    public var serverFeeds: [String]

    public init(account: String, cursor: SyncCursor = .start, stories: [String: String] = [:], serverFeeds: [String] = []) {
        self.account = account
        self.cursor = cursor
        self.stories = stories
        self.serverFeeds = serverFeeds
    }

    /// The synced stories by server ID.
    var storyIDs: [String: StoryID] { stories.mapValues(StoryID.init) }

    /// Server IDs by story, for sending marks.
    var serverIDs: [StoryID: String] {
        Dictionary(stories.map { (StoryID($0.value), $0.key) }, uniquingKeysWith: { first, _ in first })
    }
}

/// The sync state file of one library.
public struct SyncStateFile: Sendable {
    public let path: String

    public init(stateFolder: URL) {
        path = stateFolder.appendingPathComponent("sync-state.json").path
    }

    /// The saved state for `account`; a fresh one when there is none or it is another
    /// account's. A damaged file is an error, so a sync never silently starts over.
    public func load(account: String) throws(SyncFailure) -> SyncState {
        guard FileManager.default.fileExists(atPath: path) else { return SyncState(account: account) }
        let state: SyncState
        do {
            state = try JSONDecoder().decode(SyncState.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw .library("\(path): damaged (\(error.localizedDescription)); move it aside to sync afresh")
        }
        return state.account == account ? state : SyncState(account: account)
    }

    public func save(_ state: SyncState) throws(SyncFailure) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do {
            try AtomicFile.save(Array(try encoder.encode(state)), to: path)
        } catch {
            throw .library("\(path): cannot be written: \(error)")
        }
    }
}
