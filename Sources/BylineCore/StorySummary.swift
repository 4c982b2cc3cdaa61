import Foundation

/// What the story list needs of a story without reading its file: the library index keeps
/// one of these per story file.
public struct StorySummary: Equatable, Hashable, Sendable {
    public var id: StoryID
    public let title: String
    /// `TitleKey(title).value`, kept with the title: filtering and link resolution compare
    /// keys, and computing 100,000 of them at start-up would cost seconds.
    public let titleKey: String
    public var kicker: String?
    /// The source to show (header or closing line).
    public var source: String?
    public var author: String?
    public var published: Date?
    public var url: String?
    /// Related headers and READ MORE lines, for resolving links without opening files.
    public var related: [RelatedLink]

    public init(id: StoryID, title: String, titleKey: String? = nil, kicker: String? = nil, source: String? = nil,
                author: String? = nil, published: Date? = nil, url: String? = nil, related: [RelatedLink] = []) {
        self.id = id
        self.title = title
        self.titleKey = titleKey ?? TitleKey(title).value
        self.kicker = kicker
        self.source = source
        self.author = author
        self.published = published
        self.url = url
        self.related = related
    }

    public init(id: StoryID, story: Story) {
        self.init(id: id, title: story.title, kicker: story.kicker, source: story.displaySource,
                  author: story.author, published: story.publishedDate, url: story.url,
                  related: story.relatedLinks)
    }
}

extension StorySummary {
    /// Newest first; undated stories after dated ones; then by title, then by path, so
    /// the order is the same on every run.
    public static func newestFirst(_ a: StorySummary, _ b: StorySummary) -> Bool {
        switch (a.published, b.published) {
        case let (x?, y?) where x != y: return x > y
        case (.some, nil): return true
        case (nil, .some): return false
        default:
            if a.title != b.title { return a.title < b.title }
            return a.id < b.id
        }
    }
}
