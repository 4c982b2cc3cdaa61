import BylineCore
import Foundation

/// What the story list knows of one story without opening its file: the index's record.
public struct LibraryEntry: Identifiable, Equatable, Sendable {
    /// What the list shows and links resolve against.
    public let summary: StorySummary
    /// `Published` as the file writes it; `publishedDate` is the parsed date, for sorting.
    public let published: String?
    /// The story's `ID:` header (a feed's guid), not its place in the library.
    public let headerID: String?
    public let stamp: FileStamp

    public init(summary: StorySummary, published: String?, headerID: String?, stamp: FileStamp) {
        self.summary = summary
        self.published = published
        self.headerID = headerID
        self.stamp = stamp
    }

    public init(
        id: StoryID, title: String, kicker: String? = nil, source: String? = nil, author: String? = nil,
        published: String? = nil, publishedDate: Date? = nil, url: String? = nil, headerID: String? = nil,
        relatedLinks: [RelatedLink] = [], stamp: FileStamp
    ) {
        self.init(
            summary: StorySummary(id: id, title: title, kicker: kicker, source: source, author: author,
                                  published: publishedDate, url: url, related: relatedLinks),
            published: published, headerID: headerID, stamp: stamp)
    }

    /// The entry for a parsed story file.
    public init(id: StoryID, story: Story, stamp: FileStamp) {
        self.init(summary: StorySummary(id: id, story: story), published: story.published, headerID: story.id, stamp: stamp)
    }

    public var id: StoryID { summary.id }
    public var title: String { summary.title }
    var titleKey: String { summary.titleKey }
    public var kicker: String? { summary.kicker }
    /// The source to show (`Story.displaySource`): the `Source` header or the closing line.
    public var source: String? { summary.source }
    public var author: String? { summary.author }
    public var publishedDate: Date? { summary.published }
    public var url: String? { summary.url }
    /// `Related` headers and `READ MORE` lines (`Story.relatedLinks`).
    public var relatedLinks: [RelatedLink] { summary.related }
}

extension LibraryEntry {
    /// Newest first; undated stories after dated ones; then by title, then by path, so
    /// the order is the same on every run.
    public static func newestFirst(_ a: LibraryEntry, _ b: LibraryEntry) -> Bool {
        StorySummary.newestFirst(a.summary, b.summary)
    }

    /// The entries in `newestFirst` order, sorted by a compact key: comparing whole
    /// entries 1.7 million times (100,000 stories) copies too much.
    public static func sortedNewestFirst(_ entries: [LibraryEntry]) -> [LibraryEntry] {
        let dates = entries.map { $0.publishedDate?.timeIntervalSince1970 ?? -.infinity }
        func before(_ a: Int, _ b: Int) -> Bool {
            dates[a] != dates[b] ? dates[a] > dates[b] : newestFirst(entries[a], entries[b])
        }
        // The index is saved in this order, so at start-up the entries usually are sorted
        // already: one pass checks, and the copy a reordering needs is skipped.
        if entries.indices.dropFirst().allSatisfy({ !before($0, $0 - 1) }) { return entries }
        var order = Array(entries.indices)
        order.sort(by: before)
        return order.map { entries[$0] }
    }
}
