import BylineCore
import Foundation
import Testing
@testable import BylineExtract

@Suite struct ArticleExtractorTests {
    static let url = URL(string: "https://news.example.org/world/2024/05/river-town-floods")

    /// A story page with the usual furniture around it.
    static let page = """
    <!doctype html><html lang="en-GB"><head>
    <title>River town floods after record rain | Example News</title>
    <meta property="og:site_name" content="Example News">
    <meta name="author" content="Meta Author">
    <script type="application/ld+json">
    {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "River town floods after record rain",
     "datePublished": "2024-05-02T08:30:00Z", "author": [{"@type": "Person", "name": "Ana Lima"}],
     "publisher": {"@type": "Organization", "name": "Example News"}}
    </script>
    </head><body>
    <div id="cookie-consent" class="cookie-banner"><p>We use cookies to improve your experience on our site, see our policy.</p>
      <button>Accept all cookies</button></div>
    <header class="site-header"><nav class="main-nav"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
      <li><a href="/sport">Sport</a></li></ul></nav></header>
    <main><article>
      <h1>River town floods after record rain</h1>
      <div class="share-bar"><a href="https://social.example/share">Share on Social</a> <a href="mailto:?">Email this story</a></div>
      <div class="article-body">
        <p>Residents of the river town woke to water in their streets on Thursday, after a night of record rain that
        sent the river over its banks for the first time in forty years, officials said.</p>
        <p>Emergency crews moved more than two hundred people to the school on the hill, where volunteers served
        soup and dry clothes through the morning, and the mayor asked everyone else to stay indoors.</p>
        <h2>Warnings ignored</h2>
        <p>Forecasters had warned of heavy rain for a week, but the flood defences, built in 1985, were never raised,
        according to a council report published last year and seen by <a href="/reports/defences">this newspaper</a>.</p>
        <p>"We knew this day would come," said one shop owner, standing in water up to her knees, as she carried her
        stock to a waiting van, "and still nobody did anything about the wall."</p>
        <script>document.write('<p>injected</p>')</script>
      </div>
      <section class="comments"><h3>Comments</h3><div class="comment"><p>First! This is outrageous, someone should
        be fired for this, I have said so for years and years.</p></div></section>
    </article>
    <aside class="related-stories"><h2>Related stories</h2><ul>
      <li><a href="/world/2024/04/dam-repairs-delayed">Dam repairs delayed again as costs rise</a></li>
      <li><a href="https://news.example.org/world/2024/03/rainfall-records">Rainfall records broken across the region</a></li>
      <li><a href="https://elsewhere.example.com/ad">Buy the best umbrellas today online</a></li>
    </ul></aside></main>
    <footer class="site-footer"><p>© 2024 Example News. All rights reserved. Terms, privacy and cookie policy apply here.</p></footer>
    </body></html>
    """

    let article = ArticleExtractor.extract(html: Self.page, url: Self.url)

    @Test func theStoryTextIsKeptAndTheFurnitureLeftOut() {
        let text = article.text
        #expect(text.hasPrefix("Residents of the river town woke"))
        #expect(text.contains("Emergency crews moved"))
        #expect(text.contains("stock to a waiting van"))
        for furniture in ["cookies", "Home", "Share on Social", "First! This is outrageous", "All rights reserved",
                          "injected", "Dam repairs delayed"] {
            #expect(!text.contains(furniture), "\(furniture) should not be in the story")
        }
    }

    @Test func subheadingsAndInlineLinksAreKept() {
        #expect(article.blocks.contains(.subheading("Warnings ignored")))
        #expect(article.links == [RelatedLink(title: "this newspaper", url: "https://news.example.org/reports/defences")])
        #expect(!article.blocks.contains(.subheading("River town floods after record rain")))
    }

    @Test func metadataComesFromJSONLDAndMetaTags() {
        #expect(article.title == "River town floods after record rain")
        #expect(article.author == "Ana Lima")
        #expect(article.published == "2024-05-02T08:30:00Z")
        #expect(article.publishedDate == StoryDate.parse("2024-05-02T08:30:00Z"))
        #expect(article.siteName == "Example News")
        #expect(article.language == "en-GB")
    }

    @Test func relatedStoriesOnTheSameSiteAreFound() {
        #expect(article.related == [
            RelatedLink(title: "Dam repairs delayed again as costs rise",
                        url: "https://news.example.org/world/2024/04/dam-repairs-delayed"),
            RelatedLink(title: "Rainfall records broken across the region",
                        url: "https://news.example.org/world/2024/03/rainfall-records"),
        ])
    }

    @Test func theStoryCarriesTheHeaders() {
        let story = article.story(url: Self.url)
        #expect(story.title == "River town floods after record rain")
        #expect(story.author == "Ana Lima")
        #expect(story.source == "Example News")
        #expect(story.url == "https://news.example.org/world/2024/05/river-town-floods")
        #expect(story.related.count == 2)
        let file = StoryFileWriter.write(story)
        #expect(file.hasPrefix("Title: River town floods after record rain\n"))
        #expect(file.contains("Related: https://news.example.org/world/2024/04/dam-repairs-delayed Dam repairs delayed"))
        #expect((try? StoryFileParser.parse(text: file).get())?.body == story.body)
    }

    @Test func readMoreLinesInTheStoryBecomeRelatedLinks() {
        let html = """
        <article><p>\(String(repeating: "The council met on Monday to discuss the budget, and agreed on most of it. ", count: 8))</p>
        <p>READ MORE: <a href="/local/budget-vote">Council budget vote postponed to June</a></p>
        <p>\(String(repeating: "Councillors will return to the question of parking fees in the autumn session. ", count: 8))</p></article>
        """
        let article = ArticleExtractor.extract(html: html, url: Self.url)
        #expect(article.blocks.count == 2)
        #expect(article.related == [
            RelatedLink(title: "Council budget vote postponed to June", url: "https://news.example.org/local/budget-vote"),
        ])
    }

    @Test func hostileTextNeverReachesTheStory() {
        let html = """
        <html><head><title>Evil\u{1B}]0;owned\u{07} title</title></head><body><article>
        <p onclick="evil()">\(String(repeating: "Plain words of an ordinary story about a town. ", count: 12))\u{1B}[31mred\u{9B}2J</p>
        <p><a href="javascript:alert(1)">\(String(repeating: "click me now ", count: 3))</a> and more words here for the story.</p>
        </article></body></html>
        """
        let article = ArticleExtractor.extract(html: Data(html.utf8), url: Self.url, contentType: "text/html")
        let file = StoryFileWriter.write(article.story(url: Self.url))
        #expect(!file.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || (0x7F..<0xA0).contains($0.value) })
        #expect(!file.contains("javascript") && !file.contains("evil") && !file.contains("[31m"))
        #expect(file.contains("ordinary story"))
    }

    @Test func emptyAndBrokenInputGiveAStoryAnyway() {
        let empty = ArticleExtractor.extract(html: Data(), url: nil)
        #expect(empty.blocks.isEmpty)
        #expect(empty.story(url: nil).title == "Untitled")
        let broken = ArticleExtractor.extract(html: Data([0x3C, 0x00, 0xFF, 0x3E, 0x3C, 0x70, 0x1B]), url: nil)
        #expect(!broken.text.unicodeScalars.contains { $0.value < 0x20 })
        #expect(!broken.story(url: nil).title.isEmpty)
    }

    @Test func aShortPageKeepsAllItsText() {
        let article = ArticleExtractor.extract(html: "<body><p>Short note.</p><p>Two lines.</p></body>", url: nil)
        #expect(article.blocks == [.paragraph("Short note."), .paragraph("Two lines.")])
    }
}
