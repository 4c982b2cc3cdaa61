import BylineCore
import Foundation

/// Puts a feed's items into the library as story files.
///
/// Each item's file is named by the hash of its key (`FeedStory.key`), so the same item
/// fetched again lands on the same file: unchanged bytes are left alone (mtime and all),
/// changed ones are replaced atomically under the same name, so state keyed by the path
/// (read, starred) survives. Call it holding the library's writer lock.
public struct FeedShelf: Sendable {
    public let layout: LibraryLayout
    public let converter: StoryTextConverter

    public init(layout: LibraryLayout, converter: StoryTextConverter) {
        self.layout = layout
        self.converter = converter
    }

    /// How many stories a store added, rewrote and left alone.
    public struct Tally: Equatable, Sendable {
        public var new = 0
        public var updated = 0
        public var unchanged = 0
        public init(new: Int = 0, updated: Int = 0, unchanged: Int = 0) {
            self.new = new
            self.updated = updated
            self.unchanged = unchanged
        }
    }

    public func store(_ feed: Feed, of subscription: Subscription, folder: String) throws -> Tally {
        var tally = Tally()
        var seen = Set<String>()
        // A feed that lists an item twice keeps the first, as readers show it.
        for item in feed.items {
            let key = FeedStory.key(of: item)
            guard seen.insert(key).inserted else { continue }
            let story = FeedStory.story(item: item, feed: feed, subscription: subscription, converter: converter)
            let bytes = Data(StoryFileWriter.write(story).utf8)
            let file = layout.storyFile(folder: folder, itemKey: key)
            if let existing = try? Data(contentsOf: file) {
                if existing == bytes { tally.unchanged += 1; continue }
                try AtomicFile.write(bytes, to: file)
                tally.updated += 1
            } else {
                try AtomicFile.write(bytes, to: file)
                tally.new += 1
            }
        }
        return tally
    }

    /// How many story files the feed's folder holds.
    public func storyCount(folder: String) -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: layout.folder(named: folder).path)) ?? []
        return names.filter { $0.hasSuffix(".txt") && !$0.hasPrefix(".") }.count
    }
}
