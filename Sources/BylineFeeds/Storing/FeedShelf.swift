import BylineCore
import BylineStore
import Foundation

/// Puts a feed's items into the library as story files, through `Library.save`.
///
/// Each item's file is named by a hash of the feed's key and the item's key
/// (`FeedStory.key`), never by feed text, so the same item fetched again lands on the same
/// file: unchanged bytes are left alone (mtime and all), changed ones are replaced
/// atomically under the same name, so state keyed by the path (read, starred) survives.
public struct FeedShelf: Sendable {
    public let library: Library
    public let converter: StoryTextConverter

    public init(library: Library, converter: StoryTextConverter) {
        self.library = library
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

    /// The file name of an item of the feed whose stories are keyed `feedKey`.
    public static func fileName(feedKey: String, itemKey: String) -> String {
        StableHash.hex(feedKey + "\n" + itemKey) + ".txt"
    }

    public func store(_ feed: Feed, of subscription: Subscription, feedKey: String) throws -> Tally {
        var tally = Tally()
        var seen = Set<String>()
        try FileManager.default.createDirectory(at: library.folder, withIntermediateDirectories: true)
        // A feed that lists an item twice keeps the first, as readers show it.
        for item in feed.items {
            let key = FeedStory.key(of: item)
            guard seen.insert(key).inserted else { continue }
            let story = FeedStory.story(item: item, feed: feed, subscription: subscription, converter: converter)
            let name = Self.fileName(feedKey: feedKey, itemKey: key)
            let path = library.folder.appendingPathComponent(StoryFileName.folder).appendingPathComponent(name)
            // Two fetches may both decide to write; the bytes and the name are the same, and
            // the write is atomic, so the loser's rename changes nothing a reader can see.
            if let existing = try? Data(contentsOf: path) {
                if existing == Data(StoryFileWriter.write(story).utf8) { tally.unchanged += 1; continue }
                tally.updated += 1
            } else {
                tally.new += 1
            }
            try library.save(story, fileName: name)
        }
        return tally
    }
}
