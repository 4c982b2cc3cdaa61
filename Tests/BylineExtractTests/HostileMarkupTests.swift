import BylineCore
import Foundation
import Testing
@testable import BylineExtract

/// Escape sequences written as character references survive HTML parsing; none may reach
/// a field of the extracted article, whichever part of the page it came from.
@Suite struct HostileFieldTests {
    static let page = """
    <html><head><title>T&#x1b;[2Jitle</title>
    <meta name="author" content="Eve &#x9b;31m Mallory">
    <meta property="og:site_name" content="Site&#x1b;]0;PWNED&#x7;">
    </head><body><article>
    <p class="byline">By Eve &#x1b;[31mMallory</p>
    <p>\(String(repeating: "A long enough paragraph of ordinary story text to be the body. ", count: 6))</p>
    <p>Second paragraph with an escape &#x1b;[5m inside it and more ordinary words to count.</p>
    </article>
    <aside><h3>Related</h3><ul><li><a href="/a">Bad &#x1b;[2J title</a></li><li><a href="/b">Other &#x9b;1m story</a></li></ul></aside>
    </body></html>
    """

    static func hasControl(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" || (0x7F...0x9F).contains($0.value) }
    }

    @Test func noControlCharacterInAnyField() {
        let article = ArticleExtractor.extract(html: Self.page, url: URL(string: "https://example.org/story"))
        let fields = [article.title, article.author, article.siteName, article.summary, article.published].compactMap { $0 }
            + article.related.flatMap { [$0.title, $0.url ?? ""] } + article.links.map(\.title)
            + [StoryFileWriter.write(article.story(url: URL(string: "https://example.org/story")))]
        for field in fields {
            #expect(!Self.hasControl(field), "\(field.debugDescription)")
        }
        #expect(!fields.joined().contains("PWNED"))
    }

    @Test func aHugeJSONLDArrayStillYieldsTheArticle() {
        // 60,000 untyped objects before the article (reading them from the front of an
        // array was quadratic; the figures are in the commit, not asserted here).
        let filler = Array(repeating: "{\"a\":1}", count: 60_000).joined(separator: ",")
        let page = """
        <html><head><script type="application/ld+json">[\(filler),{"@type":"NewsArticle","headline":"Found it"}]</script></head>
        <body><p>Body text.</p></body></html>
        """
        let article = ArticleExtractor.extract(html: page, url: nil)
        #expect(article.title == "Found it")
    }
}

@Suite struct BinaryInputTests {
    @Test func binaryDataIsNotAWebPage() {
        #expect(ArticleExtractor.binaryProblem(Data([0x89, 0x50, 0x4E, 0x47, 0x00, 0x01])) ==
            "a NUL byte at byte 4: this looks like a binary file, not a web page")
        #expect(ArticleExtractor.binaryProblem(Data("<html><p>Fine.</p></html>".utf8)) == nil)
        // UTF-16 pages are full of NULs and start with a byte-order mark.
        var utf16 = Data([0xFF, 0xFE])
        utf16.append("<p>Hi</p>".data(using: .utf16LittleEndian) ?? Data())
        #expect(ArticleExtractor.binaryProblem(utf16) == nil)
        // Without a byte-order mark too.
        #expect(ArticleExtractor.binaryProblem("<html><p>Hello there</p></html>".data(using: .utf16LittleEndian) ?? Data()) == nil)
        // A stray NUL deep in a long page does not make it binary.
        var long = Data(String(repeating: "<p>Story text.</p>", count: 400).utf8)
        long.append(0)
        #expect(ArticleExtractor.binaryProblem(long) == nil)
    }
}

@Suite struct DateLineTests {
    @Test(arguments: ["22 Nov", "Nov. 22,", "3 March"])
    func aBareDateAboveTheStoryIsNotItsFirstParagraph(date: String) {
        let paragraph = "The ferry service was cut on Monday as the old bridge reopened to traffic after two years of repairs and delays."
        let page = """
        <html><body><article><h1>Ferry services cut</h1><p><time datetime="2026-11-22">\(date)</time></p>
        <p>\(paragraph)</p><p>\(paragraph)</p><p>\(paragraph)</p></article></body></html>
        """
        let article = ArticleExtractor.extract(html: page, url: nil)
        #expect(article.blocks.first == .paragraph(paragraph))
    }
}

@Suite struct BylineParagraphTests {
    @Test func aByLineAboveTheStoryNamesTheAuthor() {
        let paragraph = "The ferry service was cut on Monday as the old bridge reopened to traffic after two years of repairs and delays."
        let page = """
        <html><body><article><h1>Ferry services cut</h1><p>By Bo Reporter</p>
        <p>\(paragraph)</p><p>\(paragraph)</p><p>\(paragraph)</p></article></body></html>
        """
        let article = ArticleExtractor.extract(html: page, url: nil)
        #expect(article.author == "Bo Reporter")
        #expect(article.blocks.first == .paragraph(paragraph))
    }
}

@Suite struct BylineOnlyAtTheTopTests {
    @Test func byMorningInTheStoryIsNotAnAuthor() {
        let long = "The ferry service was cut on Monday as the old bridge reopened to traffic after two years of repairs."
        let page = """
        <html><body><article><h1>Storm</h1><p>The storm hit overnight.</p><p>By morning, the water had risen two metres.</p>
        <p>\(long)</p><p>\(long)</p></article></body></html>
        """
        let article = ArticleExtractor.extract(html: page, url: nil)
        #expect(article.author == nil)
        #expect(article.blocks.contains(.paragraph("By morning, the water had risen two metres.")))
    }
}
