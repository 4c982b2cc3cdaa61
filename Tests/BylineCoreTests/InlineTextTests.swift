import BylineCore
import Testing

/// Inline links in paragraph text: found where written, left as text otherwise, and found
/// in time even in text built to make the search slow.
@Suite struct InlineTextTests {
    @Test func linksAmongTextAreFound() {
        #expect(InlineText.runs("see [the report](https://example.org/r) here") == [
            .text("see "), .link(text: "the report", url: "https://example.org/r"), .text(" here"),
        ])
    }

    @Test func bracketsThatAreNotLinksStayText() {
        for text in ["a [note] b", "[x](ftp://a)", "[x](https://a b)", "[](https://a)", "[a](https://b", "[a] (https://b)"] {
            #expect(InlineText.runs(text) == [.text(text)], "\(text)")
        }
        #expect(InlineText.runs("[a [b](https://c)") == [.text("[a "), .link(text: "b", url: "https://c")])
    }

    @Test func severalLinksAndAFailedOneBeforeThem() {
        #expect(InlineText.runs("[x](no) [a](https://a) [b](http://b)") == [
            .text("[x](no) "), .link(text: "a", url: "https://a"), .text(" "), .link(text: "b", url: "http://b"),
        ])
        #expect(InlineText.plain("[a](https://a) and [b](https://b)") == "a and b")
    }

    @Test func twoHundredThousandOpeningBracketsFinish() {
        let text = String(repeating: "[", count: 200_000)

        #expect(InlineText.runs(text) == [.text(text)])
        #expect(InlineText.plain(text + "](") == text + "](")
    }

    @Test func unfinishedLinksRepeatedFinish() {
        let text = String(repeating: "[a](", count: 100_000)

        #expect(InlineText.runs(text) == [.text(text)])
        let spaced = String(repeating: "[a](https://x ", count: 50_000) + ")"
        #expect(InlineText.runs(spaced) == [.text(spaced)])
        let closed = String(repeating: "[a](", count: 50_000) + "https://x)"
        #expect(InlineText.plain(closed) == String(repeating: "[a](", count: 49_999) + "a")
    }
}
