import BylineCore
import BylineStore
import FeedParsing
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Puts a feed's items into the library as story files, through `Library.save`.
///
/// Each item's file is named by a hash of the feed's key and the item's key
/// (`FeedStory.key`), never by feed text, so the same item fetched again lands on the same
/// file: unchanged bytes are left alone (mtime and all), changed ones are replaced
/// atomically under the same name, so state keyed by the path (read, starred) survives.
public struct FeedShelf: Sendable {
    public let library: Library
    public let converter: StoryTextConverter
    /// The library's story addresses, so a story another file has is not saved again.
    public let known: KnownStoryURLs?

    public init(library: Library, converter: StoryTextConverter, known: KnownStoryURLs? = nil) {
        self.library = library
        self.converter = converter
        self.known = known
    }

    /// How many stories a store added, rewrote and left alone.
    public struct Tally: Equatable, Sendable {
        public var new = 0
        public var updated = 0
        public var unchanged = 0
        /// Items not saved because something other than a plain file (a symbolic link, a
        /// FIFO) sits at their file name: "fetched/NAME.txt: a symbolic link …".
        public var skipped: [String] = []
        public init(new: Int = 0, updated: Int = 0, unchanged: Int = 0) {
            self.new = new
            self.updated = updated
            self.unchanged = unchanged
        }
    }

    /// The file name of an item of the feed whose stories are keyed `feedKey`.
    public static func fileName(feedKey: String, itemKey: String) -> String {
        StableHash.hex(StableHash.of(feedKey + "\n" + itemKey)) + ".txt"
    }

    /// One item to save: its story and its file name.
    public struct Change: Sendable {
        /// Its bytes (`bytes`) follow it: a full story from the page replaces it whole.
        public var story: Story {
            didSet { bytes = Array(StoryFileWriter.write(story).utf8) }
        }
        public var fileName: String
        /// The feed gave the item's content, not only a summary (see `FullStoryRule`).
        public var hasContent = false
        /// The story file's bytes, serialised once and compared and written as they are.
        public private(set) var bytes: [UInt8] = []

        public init(story: Story, fileName: String, hasContent: Bool = false) {
            self.story = story
            self.fileName = fileName
            self.hasContent = hasContent
            bytes = Array(StoryFileWriter.write(story).utf8)
        }
    }


    /// What storing a feed would change, worked out without writing or locking: the
    /// stories whose files are missing or differ. Runs beside other downloads.
    /// A caller with its own identity for items (a sync server's IDs) passes `itemKey`,
    /// and `headers` to add to each story (sync's `Sync-ID`).
    ///
    /// - Parameter existing: the folder's names; a name not among them is a new story,
    ///   with no file to read.
    public func changes(in feed: Feed, of subscription: Subscription, feedKey: String,
                        itemKey: (FeedItem) -> String = FeedStory.key(of:),
                        headers: (FeedItem) -> [HeaderField] = { _ in [] },
                        existing: FetchedNames? = nil) -> (changes: [Change], unchanged: Int) {
        var changes: [Change] = []
        var unchanged = 0
        var seen = Set<String>()
        let folder = library.folder.appendingPathComponent(StoryFileName.folder)
        // A feed that lists an item twice keeps the first, as readers show it.
        for item in feed.items {
            let key = itemKey(item)
            guard seen.insert(key).inserted else { continue }
            var story = FeedStory.story(item: item, feed: feed, subscription: subscription, converter: converter)
            story.otherHeaders += headers(item)
            let name = Self.fileName(feedKey: feedKey, itemKey: key)
            let change = Change(story: story, fileName: name, hasContent: item.content != nil)
            if existing?.contains(name) != false, let file = Self.contents(of: folder.appendingPathComponent(name)),
               file.elementsEqual(change.bytes) {
                unchanged += 1
            } else {
                changes.append(change)
            }
        }
        return (changes, unchanged)
    }

    /// Saves the changed stories, looking at each file again first: called under the
    /// feeds' lock, this sees what another fetch saved since `changes` looked, so nothing
    /// is counted or written twice.
    /// The feed's files are written in one `Library.save` batch: one lock, one folder flush.
    ///
    /// - Parameter existing: the folder's names, brought up to date here (this runs
    ///   under the feeds' lock); a name not among them has no file to look at.
    /// - Parameter staged: files written ahead for these changes (`stage(_:)`), placed
    ///   as they are where their bytes still match.
    public func save(_ changes: [Change], unchanged: Int, pending: PendingIndex? = nil,
                     existing: FetchedNames? = nil, staged: StagedStories? = nil) throws -> Tally {
        existing?.refreshIfChanged()
        var tally = Tally(unchanged: unchanged)
        let folder = library.folder.appendingPathComponent(StoryFileName.folder)
        var batch: [(bytes: [UInt8], fileName: String)] = []
        for change in changes {
            let listed = existing?.contains(change.fileName) != false
            // Another kind of file at the item's name skips that item, not the whole feed:
            // Byline never writes through a link or into a FIFO.
            if listed, let kind = Self.notAPlainFile(folder.appendingPathComponent(change.fileName)) {
                tally.skipped.append("\(StoryFileName.folder)/\(change.fileName): \(kind) is there; Byline will not replace it")
                continue
            }
            let file = listed ? Self.contents(of: folder.appendingPathComponent(change.fileName)) : nil
            if let file, file.elementsEqual(change.bytes) {
                tally.unchanged += 1
                continue
            }
            // A new item whose story the library has under another file (another feed's
            // copy, a followed link) is one story: not saved twice.
            if file == nil,
               known?.isSecondCopy(url: change.story.url, path: StoryFileName.folder + "/" + change.fileName) == true {
                tally.unchanged += 1
                continue
            }
            batch.append((change.bytes, fileName: change.fileName))
            if file == nil { tally.new += 1 } else { tally.updated += 1 }
        }
        try library.save(files: batch, pending: pending, staged: staged)
        existing?.noteSaved(batch.map(\.fileName))
        return tally
    }

    /// Writes the files `changes` would save, unnamed, ahead of `save` (see
    /// `StagedStories`): off the writers' lock, beside other feeds' saving.
    public func stage(_ changes: [Change]) -> StagedStories? {
        StagedStories.write(changes.map { ($0.bytes, fileName: $0.fileName) }, in: library)
    }

    /// A story file's bytes, or nil when there is none. Checked with `stat` first: on a
    /// first fetch every file is missing, and a failed read builds a costly error.
    static func contents(of file: URL) -> Data? {
        var info = stat()
        // lstat, and plain files only: a FIFO at the name would block the read forever.
        guard lstat(file.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return try? Data(contentsOf: file)
    }

    /// What is at `file` when it exists and is not a plain file.
    static func notAPlainFile(_ file: URL) -> String? {
        var info = stat()
        guard lstat(file.path, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFLNK: return "a symbolic link"
        case S_IFIFO: return "a FIFO"
        case S_IFDIR: return "a folder"
        default: return "a special file"
        }
    }
}
