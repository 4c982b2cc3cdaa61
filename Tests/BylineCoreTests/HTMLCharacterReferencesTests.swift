import Testing
@testable import BylineExtract

/// Character references left in text the HTML parser never saw (JSON-LD, escaped twice).
@Suite struct HTMLCharacterReferencesTests {
    @Test func namedAndNumericReferencesAreDecoded() {
        #expect(HTMLCharacterReferences.decoding("Caf&eacute; &amp; Bar&#39;s &#x2014; &hellip;") == "Café & Bar's — …")
        #expect(HTMLCharacterReferences.decoding("&CounterClockwiseContourIntegral;") == "\u{2233}", "an HTML5-only name")
    }

    @Test func unknownOrUnfinishedReferencesStayAsWritten() {
        #expect(HTMLCharacterReferences.decoding("AT&T; Q&A & more &nosuchname;") == "AT&T; Q&A & more &nosuchname;")
    }
}
