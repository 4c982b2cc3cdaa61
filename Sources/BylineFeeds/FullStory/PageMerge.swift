import BylineCore
import BylineExtract
import Foundation

/// Merging a web page into a story that already exists: a feed's summary, or a story in
/// the library the reader asked to complete with `f`. Pure.
///
/// The story stays in charge of what identifies it (title, dates, URL, feed, ID); the page
/// gives the body, and whatever the story lacks (author, language, image) and related links
/// it does not have yet. The old text is kept, short, as the `Summary:` header, which is also
/// how a later fetch knows the stored story is the full one for an unchanged feed item.
public enum PageMerge {
    /// The longest `Summary:` kept from a story's own text, cut at a word boundary.
    static let summaryLength = 1000

    /// `base` with the page's body, or why not: a page with no more words than the story
    /// would lose text, so only text that grew replaces it.
    public static func story(_ base: Story, article: ExtractedArticle) -> Result<Story, PageProblem> {
        let pageWords = FullStoryRule.wordCount(article.text)
        guard pageWords > 0 else { return .failure(.noStoryText) }
        guard pageWords > FullStoryRule.wordCount(HTMLStoryText.plainText(base.body)) else {
            return .failure(.noMoreThanTheFeed)
        }
        var story = base
        story.summary = base.summary.map { Headline.shortened($0, limit: summaryLength) } ?? summaryText(of: base)
        story.body = article.blocks
        // A closing "Source: …" line went with the old body; it still names the source.
        story.source = base.source ?? base.closingSource
        story.closingSource = nil
        story.author = base.author ?? article.author
        story.language = base.language ?? article.language
        story.image = base.image ?? article.image
        var seen = Set(base.related.compactMap(\.url))
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

    /// A story's text as one line for the `Summary:` header, nil when it has none.
    static func summaryText(of story: Story) -> String? {
        let text = HTMLStoryText.plainText(story.body).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        guard !text.isEmpty else { return nil }
        return Headline.shortened(text, limit: summaryLength)
    }

    private static func isWebAddress(_ url: String) -> Bool {
        let lower = url.lowercased()
        return (lower.hasPrefix("http://") || lower.hasPrefix("https://")) && !url.contains(" ")
    }
}
