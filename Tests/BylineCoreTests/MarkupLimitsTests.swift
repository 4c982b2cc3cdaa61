import BylineCore
import Testing

@Suite struct MarkupLimitsTests {
    @Test func attributesPastTheLimitAreDroppedAndTheTagStaysWhole() {
        let many = (0..<50).map { "a\($0)=\"v \($0)\"" }.joined(separator: " ")
        var bytes = Array("<p>x</p><p \(many)>text</p><!-- <p a=1 b=2 c=3> -->".utf8)
        #expect(MarkupLimits.dropExcessAttributes(&bytes, limit: 3))
        #expect(String(decoding: bytes, as: UTF8.self)
            == "<p>x</p><p a0=\"v 0\" a1=\"v 1\" a2=\"v 2\">text</p><!-- <p a=1 b=2 c=3> -->")
    }

    @Test func documentsWithinTheLimitAreLeftAlone() {
        let page = "<a href='x' title=\"a > b\" data-x=y>link</a>"
        var bytes = Array(page.utf8)
        #expect(!MarkupLimits.dropExcessAttributes(&bytes, limit: 3))
        #expect(String(decoding: bytes, as: UTF8.self) == page)
    }

    @Test func unquotedQuotedAndBareAttributesCountAlike() {
        var bytes = Array("<input a b=1 c='2' d=\"3\" e>".utf8)
        #expect(MarkupLimits.dropExcessAttributes(&bytes, limit: 2))
        #expect(String(decoding: bytes, as: UTF8.self) == "<input a b=1>")
    }
}
