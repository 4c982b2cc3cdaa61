import Foundation

/// Where feeds put things inside a library folder.
///
/// Stories go to `feeds/<feed folder>/<item hash>.txt`; bookkeeping that can be rebuilt
/// (fetch state, the writer lock) goes under `.byline/`, next to the store's own files.
public struct LibraryLayout: Sendable {
    public let root: URL

    public init(root: URL) { self.root = root }

    public var feedsFolder: URL { root.appendingPathComponent("feeds", isDirectory: true) }
    public var bookkeepingFolder: URL { root.appendingPathComponent(".byline", isDirectory: true) }
    public var fetchStateFile: URL { bookkeepingFolder.appendingPathComponent("feeds-state.json") }
    public var writerLock: URL { bookkeepingFolder.appendingPathComponent("write.lock") }

    public func folder(named name: String) -> URL {
        feedsFolder.appendingPathComponent(name, isDirectory: true)
    }

    /// The story file for an item of the feed stored in `folder`.
    public func storyFile(folder: String, itemKey: String) -> URL {
        self.folder(named: folder).appendingPathComponent(StableHash.hex(itemKey) + ".txt")
    }
}
