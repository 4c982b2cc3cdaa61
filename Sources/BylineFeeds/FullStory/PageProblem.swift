/// Why a web page gave no story, whichever way it was asked for (`byline fetch`, the
/// reader's `f`, following a link to a story not in the library, `byline extract`).
///
/// A value, so the reader's `update` can receive it in an action and word it.
public enum PageProblem: Error, Equatable, Sendable, CustomStringConvertible {
    /// The address is not http(s), so there is nothing Byline can fetch.
    case notAWebAddress
    /// The download failed: the server, the network, a limit (time, size, redirects).
    case fetch(FetchFailure)
    /// The server says the response is something other than a page (an image, a PDF …).
    case notAWebPage(contentType: String)
    /// The bytes are a binary file whatever the server says; the reason names the byte.
    case binary(String)
    /// The extractor found no story text on the page.
    case noStoryText
    /// The page has no more words than the story it was to complete.
    case noMoreThanTheFeed
    /// A followed link's page is no article (`ArticlePageCheck`): what it is instead.
    case notAStory(String)

    public var description: String {
        switch self {
        case .notAWebAddress: "not a web address Byline can fetch"
        case .fetch(let failure): failure.description
        case .notAWebPage(let type): "not a web page (\(type))"
        case .binary(let reason): reason
        case .noStoryText: "no story text found on the page"
        case .noMoreThanTheFeed: "the page has no more text than the feed"
        case .notAStory(let kind): "\(kind), not a story"
        }
    }
}
