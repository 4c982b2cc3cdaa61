import Foundation

/// One news story: what a story file holds, parsed.
///
/// The header fields mirror the story-file headers. A headerless file gets its title and
/// kicker derived from the body, so a story read from any file has a title.
public struct Story: Equatable, Hashable, Sendable {
    public var title: String
    public var kicker: String?
    /// The `Source:` header: the publication or feed title.
    public var source: String?
    public var author: String?
    /// As written in the file; `publishedDate` parses it.
    public var published: String?
    public var updated: String?
    public var url: String?
    public var feed: String?
    public var id: String?
    public var summary: String?
    public var language: String?
    public var image: String?
    /// `Related:` headers, in file order.
    public var related: [RelatedLink]
    /// Headers Byline does not know, kept in file order so a round trip loses nothing.
    public var otherHeaders: [HeaderField]
    public var body: [StoryBlock]
    /// A closing `Source: …` line at the end of the body.
    public var closingSource: String?

    public init(
        title: String, kicker: String? = nil, source: String? = nil, author: String? = nil,
        published: String? = nil, updated: String? = nil, url: String? = nil, feed: String? = nil,
        id: String? = nil, summary: String? = nil, language: String? = nil, image: String? = nil,
        related: [RelatedLink] = [], otherHeaders: [HeaderField] = [], body: [StoryBlock] = [],
        closingSource: String? = nil
    ) {
        self.title = title
        self.kicker = kicker
        self.source = source
        self.author = author
        self.published = published
        self.updated = updated
        self.url = url
        self.feed = feed
        self.id = id
        self.summary = summary
        self.language = language
        self.image = image
        self.related = related
        self.otherHeaders = otherHeaders
        self.body = body
        self.closingSource = closingSource
    }
}

extension Story {
    /// The source to show: the header if there is one, else the closing `Source:` line.
    public var displaySource: String? { source ?? closingSource }

    public var publishedDate: Date? { published.flatMap(StoryDate.parse) ?? updated.flatMap(StoryDate.parse) }

    /// `READ MORE` lines of the body, in order.
    public var readMoreLinks: [RelatedLink] {
        body.compactMap { if case .readMore(let link) = $0 { return link } else { return nil } }
    }

    /// Every related-story link: `Related` headers first, then `READ MORE` lines, without
    /// repeating a story that both name.
    public var relatedLinks: [RelatedLink] {
        let all = related + readMoreLinks
        guard all.count > 1 else { return all }
        enum Key: Hashable {
            case url(String)
            case title(String)
        }
        // A story names a handful of links: comparing each with the few kept is cheaper
        // than hashing, and no key string is built by joining.
        var kept: [Key] = []
        var seen = Set<Key>()
        var links: [RelatedLink] = []
        // A title key is compared only with other links' title keys: with one link
        // without a URL at most (most stories), none is worked out.
        let keysTitles = all.lazy.filter { $0.url == nil }.count > 1
        for link in all {
            let key = link.url.map(Key.url) ?? .title(keysTitles ? TitleKey(link.title).value : "")
            let isNew = all.count <= 16 ? !kept.contains(key) : seen.insert(key).inserted
            guard isNew else { continue }
            if all.count <= 16 { kept.append(key) }
            links.append(link)
        }
        return links
    }
}

/// A header line Byline does not interpret, kept verbatim.
public struct HeaderField: Equatable, Hashable, Sendable {
    public var name: String
    public var value: String
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// A link from one story to another, by URL, by title, or both.
public struct RelatedLink: Equatable, Hashable, Sendable {
    public var title: String
    public var url: String?
    public init(title: String, url: String? = nil) {
        self.title = title
        self.url = url
    }
}

/// One block of a story's body.
public enum StoryBlock: Equatable, Hashable, Sendable {
    /// Running text; may hold inline links written `[text](https://…)` (see `InlineText`).
    case paragraph(String)
    case subheading(String)
    case quote(String)
    /// One item of a bulleted (`ordinal == nil`) or numbered list.
    case listItem(String, ordinal: Int?)
    /// A `READ MORE: …` line.
    case readMore(RelatedLink)
    /// Preformatted text (code, a table, verse): its lines exactly as given, spaces and
    /// blank lines included, shown unwrapped. Written between ``` fences.
    case preformatted(String)
    /// A picture in the story: what it shows (alt text, caption or file name) and its web
    /// address when it has one. Written `[image: alt](https://…)` on a line of its own.
    case image(alt: String, url: String?)

    public var isListItem: Bool {
        if case .listItem = self { return true }
        return false
    }
}
