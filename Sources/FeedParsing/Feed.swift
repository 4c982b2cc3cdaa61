import Foundation

/// A feed as parsed from RSS, Atom or JSON Feed: what FeedParsing hands on to storing.
///
/// Text fields are plain text; `summary` and `content` are sanitised HTML (or plain text
/// when `isHTML` says so), turned into story text when stored.
public struct Feed: Equatable, Sendable {
    /// "rss20", "rss10", "rss090", "atom10", "atom03", "json11" … in feedparser's spelling.
    public var version: String
    public var title: String?
    /// The site the feed belongs to.
    public var link: String?
    public var subtitle: String?
    public var language: String?
    public var author: String?
    public var updated: Date?
    /// Links the feed names: `rel="self"` gives the feed's own URL.
    public var links: [FeedLink]
    public var items: [FeedItem]
    /// The feed parsed but was not well-formed (feedparser's `bozo`), with the reason.
    public var problem: String?
    /// The character encoding the document was decoded with.
    public var encoding: String?
    /// Everything the parser read about the feed, under feedparser's key names
    /// (`image`, `itunes_explicit`, `generator_detail` …), for data the typed fields don't carry.
    public var fields: [String: FeedValue]

    public init(version: String = "", title: String? = nil, link: String? = nil, subtitle: String? = nil,
                language: String? = nil, author: String? = nil, updated: Date? = nil, links: [FeedLink] = [],
                items: [FeedItem] = [], problem: String? = nil, encoding: String? = nil,
                fields: [String: FeedValue] = [:]) {
        self.version = version
        self.title = title
        self.link = link
        self.subtitle = subtitle
        self.language = language
        self.author = author
        self.updated = updated
        self.links = links
        self.items = items
        self.problem = problem
        self.encoding = encoding
        self.fields = fields
    }
}

/// One entry of a feed.
public struct FeedItem: Equatable, Sendable {
    /// GUID or Atom id, when the feed gives one.
    public var id: String?
    public var title: String?
    /// The story's page.
    public var link: String?
    public var links: [FeedLink]
    public var published: Date?
    public var updated: Date?
    public var author: String?
    public var categories: [String]
    public var summary: FeedText?
    public var content: FeedText?
    public var enclosures: [FeedLink]
    /// Everything the parser read about the entry, under feedparser's key names
    /// (`media_thumbnail`, `itunes_duration`, `comments` …).
    public var fields: [String: FeedValue]

    public init(id: String? = nil, title: String? = nil, link: String? = nil, links: [FeedLink] = [],
                published: Date? = nil, updated: Date? = nil, author: String? = nil, categories: [String] = [],
                summary: FeedText? = nil, content: FeedText? = nil, enclosures: [FeedLink] = [],
                fields: [String: FeedValue] = [:]) {
        self.id = id
        self.title = title
        self.link = link
        self.links = links
        self.published = published
        self.updated = updated
        self.author = author
        self.categories = categories
        self.summary = summary
        self.content = content
        self.enclosures = enclosures
        self.fields = fields
    }

    /// Atom `rel="related"` links: they become `Related:` headers.
    public var relatedLinks: [FeedLink] { links.filter { $0.rel == "related" } }
}

/// A link with its relation (`alternate`, `related`, `enclosure`, `self` …).
public struct FeedLink: Equatable, Sendable {
    public var href: String
    public var rel: String
    public var type: String?
    public var title: String?
    public var length: Int?

    public init(href: String, rel: String = "alternate", type: String? = nil, title: String? = nil, length: Int? = nil) {
        self.href = href
        self.rel = rel
        self.type = type
        self.title = title
        self.length = length
    }
}

/// Text from a feed, with its kind: HTML (already sanitised) or plain text.
public struct FeedText: Equatable, Sendable {
    public var value: String
    public var isHTML: Bool
    public var language: String?
    public var base: String?

    public init(value: String, isHTML: Bool, language: String? = nil, base: String? = nil) {
        self.value = value
        self.isHTML = isHTML
        self.language = language
        self.base = base
    }
}
