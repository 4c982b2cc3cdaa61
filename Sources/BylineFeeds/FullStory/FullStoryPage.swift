import BylineCore
import BylineExtract
import Foundation

/// A feed's summary story made whole with the text of its web page. Pure.
///
/// The feed stays in charge of what identifies the story (title, dates, URL, feed, ID);
/// the page gives the body and its related links, and the feed's own text is kept as
/// the `Summary:` header, which is also how a later fetch knows the stored story is the
/// full one for an unchanged item.
public enum FullStoryPage {
    /// The longest `Summary:` kept from a feed text, cut at a word boundary.
    static let summaryLength = 1000

    /// Why a page gave no full story.
    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        case notAWebPage(String)
        case noStoryText
        case noMoreThanTheFeed

        public var description: String {
            switch self {
            case .notAWebPage(let type): "not a web page (\(type))"
            case .noStoryText: "no story text found on the page"
            case .noMoreThanTheFeed: "the page has no more text than the feed"
            }
        }
    }

    /// Whether a response's `Content-Type` names a page the extractor can read.
    public static func isWebPage(contentType: String?) -> Bool {
        guard let type = contentType?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased(),
              !type.isEmpty else { return true }
        return type == "text/html" || type == "application/xhtml+xml" || type == "text/plain"
    }

    /// The full story: `summary` (the story as the feed gives it) with the page's body.
    public static func story(_ summary: Story, article: ExtractedArticle) -> Result<Story, Problem> {
        let pageText = HTMLStoryText.plainText(article.blocks)
        guard FullStoryRule.wordCount(pageText) > 0 else { return .failure(.noStoryText) }
        guard FullStoryRule.wordCount(pageText) > FullStoryRule.wordCount(HTMLStoryText.plainText(summary.body)) else {
            return .failure(.noMoreThanTheFeed)
        }
        var story = summary
        story.summary = summaryText(of: summary)
        story.body = article.blocks
        story.author = story.author ?? article.author
        story.language = story.language ?? article.language
        story.image = story.image ?? article.image
        var seen = Set(summary.related.compactMap(\.url))
        for link in article.related {
            guard let url = link.url, isWebAddress(url), seen.insert(url).inserted else { continue }
            story.related.append(link)
        }
        return .success(story)
    }

    /// Whether `stored` is the full story made from `summary`: the feed's headers and its
    /// text (kept as `Summary:`) are the same, so the item has not changed since.
    public static func isFullStory(_ stored: Story, of summary: Story) -> Bool {
        guard let kept = stored.summary ?? (summary.body.isEmpty ? "" : nil), !stored.body.isEmpty else { return false }
        return kept == (summaryText(of: summary) ?? "")
            && stored.title == summary.title && stored.source == summary.source
            && stored.published == summary.published && stored.updated == summary.updated
            && stored.url == summary.url && stored.feed == summary.feed && stored.id == summary.id
            && stored.body != summary.body
    }

    /// The feed's text as one line for the `Summary:` header, nil when the feed has none.
    static func summaryText(of summary: Story) -> String? {
        let text = HTMLStoryText.plainText(summary.body).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        guard !text.isEmpty else { return nil }
        return Headline.shortened(text, limit: summaryLength)
    }

    private static func isWebAddress(_ url: String) -> Bool {
        let lower = url.lowercased()
        return (lower.hasPrefix("http://") || lower.hasPrefix("https://")) && !url.contains(" ")
    }
}
