import BylineCore
import Foundation

/// What the story list knows of one story without opening its file: the index's record.
public struct LibraryEntry: Identifiable, Equatable, Sendable {
    public let id: StoryID
    public let title: String
    /// `TitleKey(title).value`, kept in the index: computing it for 100,000 titles at
    /// every start-up would cost seconds.
    let titleKey: String
    public let kicker: String?
    /// The source to show (`Story.displaySource`): the `Source` header or the closing line.
    public let source: String?
    public let author: String?
    /// As the file writes it; `publishedDate` is the parsed date, for sorting.
    public let published: String?
    public let publishedDate: Date?
    public let url: String?
    /// The story's `ID:` header (a feed's guid), not its place in the library.
    public let headerID: String?
    /// `Related` headers and `READ MORE` lines (`Story.relatedLinks`).
    public let relatedLinks: [RelatedLink]
    public let stamp: FileStamp

    public init(
        id: StoryID, title: String, kicker: String? = nil, source: String? = nil, author: String? = nil,
        published: String? = nil, publishedDate: Date? = nil, url: String? = nil, headerID: String? = nil,
        relatedLinks: [RelatedLink] = [], stamp: FileStamp
    ) {
        self.init(
            id: id, title: title, titleKey: TitleKey(title).value, kicker: kicker, source: source, author: author,
            published: published, publishedDate: publishedDate, url: url, headerID: headerID,
            relatedLinks: relatedLinks, stamp: stamp
        )
    }

    init(
        id: StoryID, title: String, titleKey: String, kicker: String?, source: String?, author: String?,
        published: String?, publishedDate: Date?, url: String?, headerID: String?,
        relatedLinks: [RelatedLink], stamp: FileStamp
    ) {
        self.id = id
        self.title = title
        self.titleKey = titleKey
        self.kicker = kicker
        self.source = source
        self.author = author
        self.published = published
        self.publishedDate = publishedDate
        self.url = url
        self.headerID = headerID
        self.relatedLinks = relatedLinks
        self.stamp = stamp
    }

    /// The entry for a parsed story file.
    public init(id: StoryID, story: Story, stamp: FileStamp) {
        self.init(
            id: id, title: story.title, kicker: story.kicker, source: story.displaySource,
            author: story.author, published: story.published, publishedDate: story.publishedDate,
            url: story.url, headerID: story.id, relatedLinks: story.relatedLinks, stamp: stamp
        )
    }
}

extension LibraryEntry {
    /// Newest first; undated stories after dated ones; then by title, then by path, so
    /// the order is the same on every run.
    public static func newestFirst(_ a: LibraryEntry, _ b: LibraryEntry) -> Bool {
        switch (a.publishedDate, b.publishedDate) {
        case let (x?, y?) where x != y: return x > y
        case (.some, nil): return true
        case (nil, .some): return false
        default:
            if a.title != b.title { return a.title < b.title }
            return a.id < b.id
        }
    }

    /// The entries in `newestFirst` order, sorted by a compact key: comparing whole
    /// entries 1.7 million times (100,000 stories) copies too much.
    public static func sortedNewestFirst(_ entries: [LibraryEntry]) -> [LibraryEntry] {
        let dates = entries.map { $0.publishedDate?.timeIntervalSince1970 ?? -.infinity }
        var order = Array(entries.indices)
        order.sort { a, b in
            dates[a] != dates[b] ? dates[a] > dates[b] : newestFirst(entries[a], entries[b])
        }
        return order.map { entries[$0] }
    }
}
