import BylineCore
import Foundation

/// What the story list knows of one story without opening its file: the index's record.
public struct LibraryEntry: Identifiable, Equatable, Sendable {
    public var id: StoryID
    public var title: String
    public var kicker: String?
    /// The source to show (`Story.displaySource`): the `Source` header or the closing line.
    public var source: String?
    public var author: String?
    /// As the file writes it; `publishedDate` is the parsed date, for sorting.
    public var published: String?
    public var publishedDate: Date?
    public var url: String?
    /// The story's `ID:` header (a feed's guid), not its place in the library.
    public var headerID: String?
    /// `Related` headers and `READ MORE` lines (`Story.relatedLinks`).
    public var relatedLinks: [RelatedLink]
    public var stamp: FileStamp

    public init(
        id: StoryID, title: String, kicker: String? = nil, source: String? = nil, author: String? = nil,
        published: String? = nil, publishedDate: Date? = nil, url: String? = nil, headerID: String? = nil,
        relatedLinks: [RelatedLink] = [], stamp: FileStamp
    ) {
        self.id = id
        self.title = title
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
}
