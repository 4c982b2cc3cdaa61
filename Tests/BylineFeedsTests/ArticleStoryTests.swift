import BylineCore
import BylineFeeds
import Foundation
import Testing

@Suite("Following a link saves only an article page")
struct ArticleStoryTests {
    static let article = "<html><head><title>Budget agreed</title></head><body><article><h1>Budget agreed</h1>"
        + (1...5).map { "<p>Paragraph \($0) of a story about the council's budget, which was agreed on Tuesday after a long debate.</p>" }.joined()
        + "</article></body></html>"

    static func page(_ body: String, at address: String = "https://example.org/news/budget", type: String? = "text/html") -> WebPage {
        WebPage(data: Data(body.utf8), url: URL(string: address), contentType: type)
    }

    @Test func anArticleIsAStory() throws {
        let story = try StoryPage.articleStory(from: Self.page(Self.article), title: "link").get()
        #expect(story.title == "Budget agreed")
    }

    @Test func aPDFJSONOrHomePageIsNamedAndNotAStory() {
        #expect(StoryPage.articleStory(from: Self.page("%PDF-1.7\n", type: "application/pdf")) == .failure(.notAStory("a PDF document")))
        #expect(StoryPage.articleStory(from: Self.page("{\"a\": 1}", type: "application/json")) == .failure(.notAStory("JSON data")))
        #expect(StoryPage.articleStory(from: Self.page(Self.article, at: "https://example.org/"))
            == .failure(.notAStory("a site's home page, not a story")))
        #expect(PageProblem.notAStory("a PDF document").description == "a PDF document, not a story")
        #expect(StoryPage.articleStory(from: Self.page("\u{89}PNG", type: "image/png")) == .failure(.notAStory("an image")))
    }

    /// `f` and a feed's full stories complete a story with its page: a PDF, JSON or an
    /// image served with no `Content-Type` (as files and careless servers do) must not
    /// become the story's text either.
    @Test func anUntypedPDFJSONOrImageNeverCompletesAStory() {
        let base = Story(title: "Budget agreed", url: "https://example.org/news/budget",
                         body: [.paragraph("The council agreed its budget.")])
        let words = String(repeating: "words of the data ", count: 60)
        #expect(StoryPage.story(from: Self.page("%PDF-1.4\n" + words, type: nil), completing: base)
            == .failure(.notAStory("a PDF document")))
        #expect((try? StoryPage.story(from: Self.page("{\"text\": \"\(words)\"}", type: nil), completing: base).get()) == nil)
        let png = WebPage(data: Data([0x89, 0x50, 0x4E, 0x47]) + Data(words.utf8), url: URL(string: "https://example.org/a.png"))
        #expect(StoryPage.story(from: png, completing: base) == .failure(.notAStory("an image")))
        // An article still completes it.
        #expect((try? StoryPage.story(from: Self.page(Self.article), completing: base).get())?.body.count ?? 0 > 1)
    }
}
