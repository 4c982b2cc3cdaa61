import BylineCore
import Foundation
import Testing
@testable import BylineExtract

/// Preformatted text, bold and italic, and images from feed content and pages.
@Suite struct TypographyExtractionTests {
    let base = URL(string: "https://news.example.org/world/story.html")

    func blocks(_ html: String) -> [StoryBlock] { HTMLStoryText.blocks(fromHTML: html, baseURL: base) }

    // MARK: - Preformatted

    @Test func preKeepsSpacesBlankLinesAndTabs() {
        let html = "<p>Run this:</p><pre><code>if x {\n\tprint(\"a  b\")\n\n}\n</code></pre><p>Done.</p>"
        #expect(blocks(html) == [
            .paragraph("Run this:"), .preformatted("if x {\n        print(\"a  b\")\n\n}"), .paragraph("Done."),
        ])
    }

    @Test func linksAndEmphasisInsidePreAreText() {
        let html = "<pre>see <a href='/x'>this</a> and <b>*that*</b></pre>"
        #expect(blocks(html) == [.preformatted("see this and *that*")])
    }

    @Test func aCodeBlockOfSeveralLinesIsPreformatted() {
        let html = "<div><code>a = 1\n  b = 2</code></div><p>Inline <code>x = 1</code> stays.</p>"
        #expect(blocks(html) == [.preformatted("a = 1\n  b = 2"), .paragraph("Inline x = 1 stays.")])
    }

    @Test func controlsInPreNeverReachTheStory() {
        let html = "<pre>ok\u{1B}[2Jstill\u{07}\nnext\u{1B}]0;title\u{07}line</pre>"
        #expect(blocks(html) == [.preformatted("okstill\nnextline")])
    }

    // MARK: - Emphasis

    @Test func boldAndItalicBecomeMarks() {
        let html = "<p>A <b>bold</b> and <em>italic</em> word, <strong>Note:</strong> (<i>sic</i>).</p>"
        #expect(blocks(html) == [.paragraph("A **bold** and *italic* word, **Note:** (*sic*).")])
    }

    @Test func quotesKeepEmphasisAndHeadingsDoNot() {
        let html = "<h2>A <b>bold</b> heading</h2><blockquote><p>A <b>bold</b> claim, *starred*.</p></blockquote>"
        #expect(blocks(html) == [.subheading("A bold heading"), .quote("A **bold** claim, \\*starred\\*.")])
    }

    @Test func emphasisThatWouldNotReadBackIsDropped() {
        // Inside a word, the marks would not read as emphasis: the words stay, unmarked.
        let html = "<p>un<i>believ</i>able and <b>half</b>way, <b>one</b><b>two</b></p>"
        #expect(blocks(html) == [.paragraph("unbelievable and halfway, **onetwo**")])
    }

    @Test func asterisksInThePageStayAsterisks() throws {
        let html = "<p>Rated *five* stars, 5 * 3 = 15, a footnote*.</p>"
        let found = blocks(html)
        guard case .paragraph(let text) = found.first else { Issue.record("no paragraph"); return }
        #expect(InlineText.plain(text) == "Rated *five* stars, 5 * 3 = 15, a footnote*.")
        #expect(InlineText.runs(text).allSatisfy { if case .emphasis = $0 { false } else { true } })
    }

    @Test func emphasisAroundALinkKeepsTheLink() {
        let html = "<p><b>Read <a href='/a'>the report</a></b> now.</p>"
        #expect(blocks(html) == [.paragraph("Read [the report](https://news.example.org/a) now.")])
    }

    @Test func aJoinedSpanHoldingALinkIsLeftUnmarked() {
        let html = "<p>Now <b>one</b><b> <a href='/two'>two</a></b> three.</p>"
        #expect(blocks(html) == [.paragraph("Now one [two](https://news.example.org/two) three.")])
    }

    @Test func plainTextHasNoMarks() {
        let text = HTMLStoryText.plainText(blocks("<p>A <b>bold</b> word.</p><pre>  x = 1</pre><img src='/a.jpg' alt='A'>"))
        #expect(text == "A bold word.\n\n  x = 1")
    }

    // MARK: - Images

    @Test func anImageBecomesALineWithItsAltTextAndAddress() {
        let html = "<p>Before.</p><img src='/img/crowd.jpg' alt='Crowds in the square'><p>After.</p>"
        #expect(blocks(html) == [
            .paragraph("Before."), .image(alt: "Crowds in the square", url: "https://news.example.org/img/crowd.jpg"),
            .paragraph("After."),
        ])
    }

    @Test func withoutAltTextTheCaptionThenTheFileNameNameIt() {
        let html = """
        <figure><img src="https://cdn.example.org/p/harbour.jpg"><figcaption>The harbour at dawn</figcaption></figure>
        <figure><img src="https://cdn.example.org/p/Market%20day.jpg"></figure>
        <figure><img src="x.jpg" alt="Alt wins"><figcaption>A caption</figcaption></figure>
        """
        #expect(blocks(html) == [
            .image(alt: "The harbour at dawn", url: "https://cdn.example.org/p/harbour.jpg"),
            .image(alt: "Market day.jpg", url: "https://cdn.example.org/p/Market%20day.jpg"),
            .image(alt: "Alt wins", url: "https://news.example.org/world/x.jpg"),
            .paragraph("A caption"),
        ])
    }

    @Test func lazyImagesAndSrcsetFindTheirAddress() {
        let html = "<img data-src='/lazy.jpg' src='data:image/gif;base64,R0l' alt='Lazy'><picture><source srcset='/a.webp'><img srcset='/b.jpg 1x, /c.jpg 2x' alt='Pic'></picture>"
        #expect(blocks(html) == [
            .image(alt: "Lazy", url: "https://news.example.org/lazy.jpg"),
            .image(alt: "Pic", url: "https://news.example.org/b.jpg"),
        ])
    }

    @Test func anImageInsideAParagraphFollowsIt() {
        let html = "<p>Text <a href='/big.jpg'><img src='/small.jpg' alt='Thumb'></a> more text.</p>"
        #expect(blocks(html) == [
            .paragraph("Text more text."), .image(alt: "Thumb", url: "https://news.example.org/small.jpg"),
        ])
    }

    @Test func onlyWebAddressesAreKept() {
        let html = "<img src='javascript:alert(1)' alt='Script'><img src='data:image/png;base64,AA' alt='Inline'>"
        #expect(blocks(html) == [.image(alt: "Script", url: nil), .image(alt: "Inline", url: nil)])
    }

    @Test func trackingPixelsLeaveNoLine() {
        let html = """
        <p>Story.</p>
        <img src="https://example.org/t.gif" width="1" height="1">
        <img src="https://feeds.feedburner.com/~r/example/~4/abc" alt="">
        <img src="https://pixel.wp.com/b.gif?v=1">
        <img src="https://example.org/images/spacer.gif">
        <img src="https://example.org/x.gif" style="display:none" alt="Hidden">
        """
        #expect(blocks(html) == [.paragraph("Story.")])
    }

    @Test func emojiDrawnAsImagesStayInTheText() {
        let html = "<p>Great <img class='wp-smiley emoji' src='https://s.w.org/images/core/emoji/72x72/1f600.png' alt='😀'> news</p>"
        #expect(blocks(html) == [.paragraph("Great 😀 news")])
    }

    @Test func altTextIsCleanedAndKeptOnOneLine() {
        let html = "<img src='/a.jpg' alt='Evil\u{1B}[31m red [link](x)\nsecond line'>"
        #expect(blocks(html) == [.image(alt: "Evil red (link)(x) second line", url: "https://news.example.org/a.jpg")])
    }
}

/// Images survive the extraction of a whole page: the body finder's statistics treat them
/// as never text, and the story still shows them.
@Suite struct ImagesInExtractedPagesTests {
    static let paragraph = Array(repeating: "This is a sentence of the story that goes on, with commas, and words.", count: 6)
        .joined(separator: " ")

    @Test func aPagesFigureAndInlinePictureBecomeImageLines() {
        let html = """
            <html><head><title>Harbour story</title></head><body><nav><a href="/">Home</a></nav><article>
            <h1>Harbour story</h1><p>\(Self.paragraph)</p>
            <figure><img src="/harbour.jpg"><figcaption>The harbour at dawn</figcaption></figure>
            <p>\(Self.paragraph)</p>
            <p><img class="author-avatar" src="/jo.jpg" alt="Jo"><img src="/inline.jpg" alt="Inline picture"> \(Self.paragraph)</p>
            <p>\(Self.paragraph)</p></article><footer>Copyright</footer></body></html>
            """
        let article = ArticleExtractor.extract(html: html, url: URL(string: "https://example.org/news/harbour"))
        let images = article.blocks.filter { if case .image = $0 { true } else { false } }
        #expect(images == [
            .image(alt: "The harbour at dawn", url: "https://example.org/harbour.jpg"),
            .image(alt: "Inline picture", url: "https://example.org/inline.jpg"),
        ])
        #expect(!article.text.contains("image"), "the plain text has no image lines")
    }
}

/// Trimming a story's edges looks at its text: pictures neither shield a byline or a
/// closing line from it nor get lost in it.
@Suite struct ImagesAtTheEdgesTests {
    @Test func aLeadPictureStaysAndTheBylineBelowItGoes() {
        let blocks: [StoryBlock] = [
            .image(alt: "Lead", url: "https://e.org/lead.jpg"), .paragraph("By Jo Reporter"),
            .paragraph("The story begins here, and it goes on for a while."),
        ]
        #expect(StoryEdges.trimmed(blocks) == [blocks[0], blocks[2]])
        #expect(StoryEdges.bylineAuthor(blocks) == "Jo Reporter")
    }

    @Test func aClosingLineGoesWithThePicturesAfterIt() {
        let blocks: [StoryBlock] = [
            .paragraph("The story ends here, and that is the end of it."),
            .image(alt: "Chart", url: "https://e.org/chart.jpg"),
            .paragraph("Follow us on Twitter for more."),
            .image(alt: "Author photo", url: "https://e.org/jo.jpg"),
        ]
        #expect(StoryEdges.trimmed(blocks) == [blocks[0], blocks[1]])
    }
}
