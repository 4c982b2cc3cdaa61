import BylineCore
import BylineExtract
import Foundation
import Testing

@Suite struct ArticlePageCheckTests {
    private let story = ExtractedArticle(title: "A story", blocks: [
        .paragraph(String(repeating: "The council met on Tuesday to discuss the new bridge. ", count: 12)),
    ])

    @Test func documentsThatAreNotPagesAreNamed() {
        #expect(ArticlePageCheck.nonPage(contentType: "application/pdf", body: Data("%PDF-1.7".utf8)) == "a PDF document")
        // A PDF served as HTML is still a PDF.
        #expect(ArticlePageCheck.nonPage(contentType: "text/html", body: Data("%PDF-1.4\n".utf8)) == "a PDF document")
        #expect(ArticlePageCheck.nonPage(contentType: "application/json; charset=utf-8", body: Data("{}".utf8)) == "JSON data")
        #expect(ArticlePageCheck.nonPage(contentType: "application/ld+json", body: Data("{}".utf8)) == "JSON data")
        #expect(ArticlePageCheck.nonPage(contentType: "image/png", body: Data()) == "an image")
        #expect(ArticlePageCheck.nonPage(contentType: nil, body: Data(" [1, 2]".utf8)) == "JSON data")
        #expect(ArticlePageCheck.nonPage(contentType: "text/html; charset=utf-8", body: Data("<html>".utf8)) == nil)
        #expect(ArticlePageCheck.nonPage(contentType: nil, body: Data("<!doctype html>".utf8)) == nil)
    }

    @Test func aStoryPageIsAnArticle() throws {
        let url = try #require(URL(string: "https://example.org/news/2024/bridge"))
        #expect(ArticlePageCheck.verdict(url: url, article: story) == .article)
    }

    @Test func aHomePageIsNotAStoryHoweverMuchTextItHas() throws {
        for address in ["https://example.org", "https://example.org/", "https://example.org/index.html"] {
            let url = try #require(URL(string: address))
            #expect(ArticlePageCheck.verdict(url: url, article: story) == .notAStory("a site's home page, not a story"))
        }
    }

    @Test func aPageWithLittleTextIsNotAStory() throws {
        let url = try #require(URL(string: "https://example.org/login"))
        let thin = ExtractedArticle(title: "Sign in", blocks: [.paragraph("Enter your email to continue.")])
        #expect(ArticlePageCheck.verdict(url: url, article: thin) == .notAStory("a page with too little text to be a story (5 words)"))
    }
}
