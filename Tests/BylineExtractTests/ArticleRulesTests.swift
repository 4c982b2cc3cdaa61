import BylineCore
import Foundation
import Testing
@testable import BylineExtract

/// One page per extraction rule: what a reader would notice if the rule broke.
@Suite struct ArticleRulesTests {
    let url = URL(string: "https://news.example.org/a/story")

    /// Paragraphs long enough to be scored as story text.
    func story(_ count: Int, _ topic: String = "harbour") -> String {
        (1...count).map {
            "<p>Paragraph \($0) about the \(topic): the council met again, talked for hours, and agreed on very little.</p>"
        }.joined()
    }

    func text(_ html: String) -> String { ArticleExtractor.extract(html: html, url: url).text }

    @Test func bylinesAndFollowUsLinesAtTheEdgesAreTrimmed() {
        let html = "<article><p>By Ana Lima</p><p>Nov. 20, 2019 6:02 AM EST</p>\(story(5))"
            + "<p>Follow us on Twitter and Facebook for more.</p></article>"
        let text = text(html)
        #expect(text.hasPrefix("Paragraph 1"))
        #expect(!text.contains("Ana Lima") && !text.contains("6:02") && !text.contains("Follow us"))
    }

    @Test func listsOfLinksToTheSitesOtherPagesArePruned() {
        let html = "<article>\(story(4))<ul><li><a href='/b/one'>Another story from this very site</a></li>"
            + "<li><a href='/b/two'>Yet another story from this very site</a></li></ul>"
            + "<ul><li><a href='https://shop.example.com/x'>Buy it at the shop for $20</a></li>"
            + "<li><a href='https://other.example.net/y'>Or at the other shop for $21</a></li></ul>\(story(2))</article>"
        let text = text(html)
        #expect(!text.contains("Another story from this very site"))
        #expect(text.contains("Buy it at the shop for $20"))
    }

    @Test func aStorySplitAroundAFullWidthPictureIsKeptWhole() {
        let html = """
        <div id="page"><div class="wrap"><div class="lead"><section>\(story(4, "lead"))</section></div></div>
        <figure><img src="x.jpg"></figure><section>\(story(6, "rest"))</section></div>
        """
        let text = text(html)
        #expect(text.contains("Paragraph 1 about the lead"))
        #expect(text.contains("Paragraph 6 about the rest"))
    }

    @Test func embeddedPostsStayButCaptionsAndHiddenTextGo() {
        let html = """
        <article>\(story(3))<div class="social-embed"><blockquote class="twitter-tweet"><p>What a day at the harbour!
        <a href="https://t.co/x">t.co/x</a></p>— Someone (@someone)</blockquote></div>
        <figure><img src="p.jpg"><figcaption>The harbour at dawn. Photo: Agency</figcaption></figure>
        <p class="d-none">Print-only citation of this story.</p><div style="display: none">Hidden promo text here.</div>
        \(story(2))</article>
        """
        let text = text(html)
        #expect(text.contains("What a day at the harbour!"))
        #expect(!text.contains("Photo: Agency") && !text.contains("Print-only") && !text.contains("Hidden promo"))
    }
}
