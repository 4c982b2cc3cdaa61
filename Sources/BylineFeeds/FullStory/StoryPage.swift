import BylineCore
import BylineExtract
import Foundation

/// A web page as it arrived: its bytes, where they came from, and what the server called them.
public struct WebPage: Equatable, Sendable {
    public var data: Data
    /// The page's address after redirects, for resolving its links; nil for a file.
    public var url: URL?
    /// The response's `Content-Type`, nil when there was none (a file, standard input).
    public var contentType: String?

    public init(data: Data, url: URL?, contentType: String? = nil) {
        self.data = data
        self.url = url
        self.contentType = contentType
    }
}

/// Turning a web page into a story: the one place that decides whether a page has a
/// story and what it is. Pure.
///
/// A page given a story to complete (a feed's summary, a story in the library) is merged
/// into it by `PageMerge`; a page on its own becomes a new story from what the extractor
/// finds (title, byline, date, body, related links).
public enum StoryPage {
    /// The story of `page`: `base` made whole with it when given, else the page's own story,
    /// titled `title` when the page names none: the text of the link that led to it reads
    /// better than a title guessed from the first sentence.
    public static func story(from page: WebPage, completing base: Story? = nil, title: String? = nil) -> Result<Story, PageProblem> {
        let article: ExtractedArticle
        switch self.article(from: page) {
        case .failure(let problem): return .failure(problem)
        case .success(let found): article = found
        }
        // A PDF, JSON or an image served with no type reads as text: never merged in.
        if let kind = ArticlePageCheck.nonPage(contentType: page.contentType, body: page.data) { return .failure(.notAStory(kind)) }
        if let base { return PageMerge.story(base, article: article) }
        var story = article.story(url: page.url)
        if article.title == nil, let title, !title.isEmpty { story.title = title }
        return .success(story)
    }

    /// The story of a page reached by following a link, only if the page is an article: an
    /// HTML response whose extraction reads like a story (`ArticlePageCheck`). A PDF, JSON,
    /// an image or a site's home page is named instead, and nothing is saved.
    public static func articleStory(from page: WebPage, title: String? = nil) -> Result<Story, PageProblem> {
        if let kind = ArticlePageCheck.nonPage(contentType: page.contentType, body: page.data) { return .failure(.notAStory(kind)) }
        let article: ExtractedArticle
        switch self.article(from: page) {
        case .failure(let problem): return .failure(problem)
        case .success(let found): article = found
        }
        if let url = page.url, case .notAStory(let kind) = ArticlePageCheck.verdict(url: url, article: article) {
            return .failure(.notAStory(kind))
        }
        var story = article.story(url: page.url)
        if article.title == nil, let title, !title.isEmpty { story.title = title }
        return .success(story)
    }

    /// What the extractor reads from a page, once it is known to be one and to have a story.
    static func article(from page: WebPage) -> Result<ExtractedArticle, PageProblem> {
        guard isWebPage(contentType: page.contentType) else { return .failure(.notAWebPage(contentType: page.contentType ?? "?")) }
        if let problem = ArticleExtractor.binaryProblem(page.data) { return .failure(.binary(problem)) }
        let article = ArticleExtractor.extract(html: page.data, url: page.url, contentType: page.contentType)
        guard FullStoryRule.wordCount(article.text) > 0 else { return .failure(.noStoryText) }
        return .success(article)
    }

    /// Whether a response's `Content-Type` names a page the extractor can read; a missing
    /// one is taken for a page, since files and many servers give none.
    static func isWebPage(contentType: String?) -> Bool {
        guard let type = contentType?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased(),
              !type.isEmpty else { return true }
        return type == "text/html" || type == "application/xhtml+xml" || type == "text/plain"
    }
}
