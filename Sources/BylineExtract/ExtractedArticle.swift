import BylineCore
import FoundationEssentials

/// The readable story of a web page, as `ArticleExtractor` finds it.
public struct ExtractedArticle: Equatable, Sendable {
    public var title: String?
    public var author: String?
    /// The publication date as the page gives it.
    public var published: String?
    public var publishedDate: Date?
    public var blocks: [StoryBlock]
    /// Links written in the story's text.
    public var links: [RelatedLink]
    /// Links the page offers to other stories ("Related", "Read more", …).
    public var related: [RelatedLink]
    public var siteName: String?
    public var language: String?
    public var summary: String?
    public var image: String?

    public init(
        title: String? = nil, author: String? = nil, published: String? = nil, publishedDate: Date? = nil,
        blocks: [StoryBlock] = [], links: [RelatedLink] = [], related: [RelatedLink] = [], siteName: String? = nil,
        language: String? = nil, summary: String? = nil, image: String? = nil
    ) {
        self.title = title
        self.author = author
        self.published = published
        self.publishedDate = publishedDate
        self.blocks = blocks
        self.links = links
        self.related = related
        self.siteName = siteName
        self.language = language
        self.summary = summary
        self.image = image
    }

    /// The body as plain text: paragraphs separated by blank lines, links as their text.
    public var text: String { HTMLStoryText.plainText(blocks) }

    /// The story file for this article, fetched from `url`.
    public func story(url: URL?) -> Story {
        let title = title ?? blocks.lazy.compactMap(Self.firstText).first.map {
            Headline.shortened(Headline.firstSentence(of: $0))
        } ?? "Untitled"
        let readMore = Set(blocks.compactMap { if case .readMore(let link) = $0 { link } else { nil } })
        return Story(
            title: title, source: siteName, author: author,
            published: publishedDate.map(StoryDate.format) ?? published, url: url?.absoluteString,
            summary: summary, language: language, image: image,
            related: related.filter { !readMore.contains($0) }, body: blocks)
    }

    private static func firstText(_ block: StoryBlock) -> String? {
        if case .paragraph(let text) = block { return InlineText.plain(text) }
        return nil
    }
}
