import BylineCore
import Foundation
import Testing
@testable import BylineExtract

@Suite struct HTMLStoryTextTests {
    let base = URL(string: "https://news.example.org/world/story.html")

    @Test func paragraphsSubheadingsQuotesAndLists() {
        let html = """
        <p>First   paragraph
        runs on.</p><h2>A <em>subheading</em></h2><blockquote><p>Quoted words.</p></blockquote>
        <ol start="3"><li>three</li><li>four</li></ol><ul><li>bullet</li></ul>
        """
        #expect(HTMLStoryText.blocks(fromHTML: html, baseURL: base) == [
            .paragraph("First paragraph runs on."), .subheading("A subheading"), .quote("Quoted words."),
            .listItem("three", ordinal: 3), .listItem("four", ordinal: 4), .listItem("bullet", ordinal: nil),
        ])
    }

    @Test func linksResolveAgainstTheBaseAndOnlyWebLinksSurvive() {
        let html = """
        <p>See <a href="/politics/vote.html">the <b>vote</b></a>, <a href="javascript:alert(1)">this</a>
        and <a href="data:text/html,hi">that</a> or <a href="mailto:x@example.org">mail</a>.</p>
        """
        #expect(HTMLStoryText.blocks(fromHTML: html, baseURL: base) == [
            .paragraph("See [the vote](https://news.example.org/politics/vote.html), this and that or mail."),
        ])
    }

    @Test func whiteSpaceOfEveryKindCollapsesToOneSpaceBetweenWords() {
        let html = "<p> \u{A0}Tabs\tand\u{3000}\u{A0} no-break\n\n spaces  <i>run</i>  on\u{2009}. </p>"
            + "<p>\tStars * stay,  **bold**\u{A0}too</p>"
        #expect(HTMLStoryText.blocks(fromHTML: html, baseURL: nil) == [
            .paragraph("Tabs and no-break spaces *run* on ."), .paragraph("Stars * stay, \\*\\*bold\\*\\* too"),
        ])
    }

    @Test func lineBreaksEndParagraphs() {
        let blocks = HTMLStoryText.blocks(fromHTML: "<p>one<br>two<br/><br>three</p>", baseURL: nil)
        #expect(blocks == [.paragraph("one"), .paragraph("two"), .paragraph("three")])
    }

    @Test func hostileMarkupIsNeutralised() {
        let html = """
        <p onclick="steal()">Safe \u{1B}[2Jtext\u{07}<script>alert(1)</script><style>p{}</style></p>
        <iframe src="https://evil.example"></iframe><object>obj</object><svg><text>svg</text></svg>
        <form><input value="x"><button>Go</button>search</form><noscript>enable js</noscript>
        """
        let blocks = HTMLStoryText.blocks(fromHTML: html, baseURL: base)
        #expect(blocks == [.paragraph("Safe text")])
    }

    @Test func preformattedTextKeepsItsLines() {
        let blocks = HTMLStoryText.blocks(fromHTML: "<pre>let a = 1\n  let b = 2\n</pre>", baseURL: nil)
        #expect(blocks == [.preformatted("let a = 1\n  let b = 2")])
    }

    @Test func readMoreParagraphsBecomeReadMoreLines() {
        let html = "<p>Read more: <a href='https://news.example.org/other'>Other story</a></p>"
        #expect(HTMLStoryText.blocks(fromHTML: html, baseURL: base) == [
            .readMore(RelatedLink(title: "Other story", url: "https://news.example.org/other")),
        ])
    }
}

extension HTMLStoryTextTests {
    @Test func nestedInlineMarkupRunsOnInOneParagraph() {
        let html = "<div><p>One <b>bold <i>and <a href='https://x.example/a'>linked <em>deep</em></a></i></b> text.</p>tail</div>"
        #expect(HTMLStoryText.blocks(fromHTML: html, baseURL: nil) == [
            .paragraph("One bold and [linked deep](https://x.example/a) text."), .paragraph("tail"),
        ])
    }

    @Test func tablesGiveOneParagraphPerRow() {
        let html = "<table><tr><th>Pos</th><th>Name</th></tr><tr><td>1</td><td>Kyle</td></tr></table>"
        #expect(HTMLStoryText.blocks(fromHTML: html, baseURL: nil) == [.paragraph("Pos Name"), .paragraph("1 Kyle")])
    }
}
