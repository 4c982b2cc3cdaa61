import BylineCore
import BylineFeeds
import Foundation
import Testing
import TestSupport

@Suite("Turning a web page into a story")
struct StoryPageTests {
    static let body = (1...3).map { "<p>Paragraph \($0) of a story about the council's budget, long enough to read.</p>" }.joined()
    static let html = "<html><head><title>Budget agreed</title></head><body><article><h1>Budget agreed</h1>\(body)</article></body></html>"

    static func page(_ html: String, contentType: String? = "text/html; charset=utf-8") -> WebPage {
        WebPage(data: Data(html.utf8), url: URL(string: "https://example.org/news/1"), contentType: contentType)
    }

    @Test func aPageBecomesAStoryWithItsOwnTitleAndAddress() throws {
        let story = try StoryPage.story(from: Self.page(Self.html), title: "The link's text").get()
        #expect(story.title == "Budget agreed")
        #expect(story.url == "https://example.org/news/1")
        #expect(story.body.count == 3)
    }

    @Test func aPageWithoutATitleTakesTheLinksText() throws {
        let story = try StoryPage.story(from: Self.page("<html><body><article>\(Self.body)</article></body></html>"),
                                        title: "Council agrees its budget").get()
        #expect(story.title == "Council agrees its budget")
    }

    @Test func onlyPagesAreRead() {
        #expect(StoryPage.story(from: Self.page(Self.html, contentType: "application/pdf"))
            == .failure(.notAWebPage(contentType: "application/pdf")))
        #expect(PageProblem.notAWebPage(contentType: "application/pdf").description == "not a web page (application/pdf)")
        #expect((try? StoryPage.story(from: Self.page(Self.html, contentType: "application/xhtml+xml")).get()) != nil)
        #expect((try? StoryPage.story(from: Self.page(Self.html, contentType: nil)).get()) != nil)
    }

    @Test func aBinaryFileIsNoPageWhateverTheServerSays() {
        let bytes = WebPage(data: Data([0x25, 0x50, 0x44, 0x46, 0x00, 0x01]) + Data(Self.html.utf8), url: nil, contentType: "text/html")
        #expect(StoryPage.story(from: bytes)
            == .failure(.binary("a NUL byte at byte 4: this looks like a binary file, not a web page")))
    }

    @Test func aPageWithNoStoryTextSaysSo() {
        #expect(StoryPage.story(from: Self.page("<html><head><title>Empty</title></head><body><img src='a.png'></body></html>")) == .failure(.noStoryText))
        #expect(PageProblem.noStoryText.description == "no story text found on the page")
    }

    @Test func aStoryToCompleteIsMergedNotReplaced() throws {
        let summary = Story(title: "Feed title", url: "https://example.org/news/1", feed: "https://example.org/rss",
                            body: [.paragraph("A teaser.")])
        let full = try StoryPage.story(from: Self.page(Self.html), completing: summary, title: "ignored").get()
        #expect(full.title == "Feed title")
        #expect(full.summary == "A teaser.")
        #expect(full.body.count == 3)
    }

    // MARK: - Fetched over HTTP

    @Test func aFetchedPageBecomesTheStory() async throws {
        let server = try LoopbackServer()
        defer { server.stop() }
        server.route("/news/1", LoopbackServer.Route(contentType: "text/html; charset=utf-8", body: Self.html))

        let story = try await PageFetch.story(at: server.url("/news/1")).get()

        #expect(story.title == "Budget agreed")
        #expect(story.url == server.url("/news/1"))
        #expect(server.requests(for: "/news/1").first?.headers["accept"] == PageFetch.accept)
    }

    @Test func fetchFailuresAreTyped() async throws {
        let server = try LoopbackServer()
        defer { server.stop() }
        server.route("/gone", LoopbackServer.Route(status: 404, contentType: "text/html", body: "gone"))
        server.route("/file.pdf", LoopbackServer.Route(contentType: "application/pdf", body: "%PDF-1.4"))
        server.route("/big", LoopbackServer.Route(contentType: "text/html", body: Self.html))

        let gone = await PageFetch.story(at: server.url("/gone"))
        #expect(gone == .failure(.fetch(.http(status: 404))))
        #expect(gone.failure?.description == "HTTP 404 Not Found")
        #expect(await PageFetch.story(at: server.url("/file.pdf")) == .failure(.notAWebPage(contentType: "application/pdf")))
        #expect(await PageFetch.story(at: "ftp://example.org/a") == .failure(.notAWebAddress))
        #expect(PageProblem.notAWebAddress.description == "not a web address Byline can fetch")
        #expect(await PageFetch.story(at: server.url("/big"), limits: FetchLimits(maxBytes: 10))
            == .failure(.fetch(.tooLarge(limit: 10))))
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let failure) = self { return failure }
        return nil
    }
}
