import BylineCore
import Foundation

/// Fetching a story's web page and making the story of it: how `byline fetch` completes a
/// feed's summaries, the reader's `f` completes a story, following a link to a story not in
/// the library saves one, and `byline extract URL` reads one.
///
/// The download is the feeds' client's (deadline, size limit, redirect checks); what the
/// page comes to is `StoryPage`'s to decide.
public struct PageFetch: Sendable {
    public let client: HTTPClient

    /// Pages first; anything else is still fetched, so the reason it is no page can be given.
    public static let accept = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"

    public init(client: HTTPClient) {
        self.client = client
    }

    /// The story at `address`: `base` completed with the page when given, else the page's
    /// own story (titled `title` when the page names none).
    public func story(at address: String, completing base: Story? = nil, title: String? = nil) async -> Result<Story, PageProblem> {
        switch await page(at: address) {
        case .failure(let problem):
            return .failure(problem)
        case .success(let page):
            // Extraction gets a time budget of its own, as parsing a feed does.
            let seconds = client.limits.parseSeconds
            let story: Result<Story, PageProblem>? = await ParseBudget.run(seconds: seconds) {
                StoryPage.story(from: page, completing: base, title: title)
            }
            return story ?? .failure(.fetch(.tooSlow(seconds: seconds)))
        }
    }

    /// The page at `address`, downloaded.
    public func page(at address: String) async -> Result<WebPage, PageProblem> {
        guard let url = URL(string: address), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil else {
            return .failure(.notAWebAddress)
        }
        switch await client.get(url, accept: Self.accept) {
        case .failure(let failure):
            return .failure(.fetch(failure))
        case .success(let response) where !(200..<300).contains(response.status):
            // Only a 304 gets here, and no validators were sent: nothing to read.
            return .failure(.fetch(.http(status: response.status)))
        case .success(let response):
            return .success(WebPage(data: response.body, url: response.finalURL, contentType: response.contentType))
        }
    }

    /// One page's story with a client of its own, for a single request such as the reader's.
    public static func story(at address: String, completing base: Story? = nil, title: String? = nil,
                             limits: FetchLimits = FetchLimits()) async -> Result<Story, PageProblem> {
        let client = HTTPClient(limits: limits, connectionsPerHost: 1)
        defer { client.close() }
        return await PageFetch(client: client).story(at: address, completing: base, title: title)
    }
}
