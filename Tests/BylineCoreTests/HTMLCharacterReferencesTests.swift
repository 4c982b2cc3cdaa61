import BylineCore
import Testing

/// The one decoder of HTML character references, under the rules each reader needs.
@Suite struct HTMLCharacterReferencesTests {
    @Test func namedAndNumericReferencesAreDecoded() {
        #expect(HTMLCharacterReferences.decoding("Caf&eacute; &amp; Bar&#39;s &#x2014; &hellip;") == "Café & Bar's — …")
        #expect(HTMLCharacterReferences.decoding("&CounterClockwiseContourIntegral;") == "\u{2233}", "an HTML5-only name")
        #expect(HTMLCharacterReferences.decoding("&#X41;&#65;&#x1F44D;") == "AA👍")
    }

    @Test func unknownOrUnfinishedReferencesStayAsWritten() {
        #expect(HTMLCharacterReferences.decoding("AT&T; Q&A & more &nosuchname;") == "AT&T; Q&A & more &nosuchname;")
        #expect(HTMLCharacterReferences.decoding("&#xD800; &#99999999999; &#; &#x; &#12a;") == "&#xD800; &#99999999999; &#; &#x; &#12a;")
        #expect(HTMLCharacterReferences.decoding("&amp &#106avascript") == "&amp &#106avascript", "strict wants the semicolon")
    }

    @Test func aLinkIsReadTheWayABrowserReadsIt() {
        #expect(HTMLCharacterReferences.decoding("&#106avascript&#x3A;alert(1)", .lenient) == "javascript:alert(1)")
        #expect(HTMLCharacterReferences.decoding("java&Tab;script&colon;", .lenient) == "java\tscript:")
        #expect(HTMLCharacterReferences.decoding("&nosuch x", .lenient) == "&nosuch x")
    }

    @Test func anXMLEntityDecodesOnlyNumericReferences() {
        #expect(HTMLCharacterReferences.decoding("&#60;b&#x3E; &amp; &hellip;", .numericOnly) == "<b> &amp; &hellip;")
    }

    @Test func numericReferencesAreReadOneWayWhereverTheyAreFound() {
        #expect(HTMLCharacterReferences.numericValue("233") == 233)
        #expect(HTMLCharacterReferences.numericValue("xE9") == 0xE9)
        #expect(HTMLCharacterReferences.numericValue("XE9") == 0xE9)
        #expect(HTMLCharacterReferences.numericValue("x") == nil)
        #expect(HTMLCharacterReferences.numericValue("+5") == nil)
        #expect(HTMLCharacterReferences.numericValue("99999999999") == nil)
        let bytes = Array("a&#x1b;b&#27;c&#99999999999;&#12".utf8)
        bytes.withUnsafeBufferPointer { buffer in
            let hex = HTMLCharacterReferences.numericReference(in: buffer, at: 1)
            #expect(hex?.value == 0x1B && hex?.isHex == true && hex?.next == 7)
            #expect(HTMLCharacterReferences.numericReference(in: buffer, at: 8)?.value == 27)
            let huge = HTMLCharacterReferences.numericReference(in: buffer, at: 14)
            #expect(huge != nil && huge?.value == nil, "a reference, to no value that fits")
            #expect(HTMLCharacterReferences.numericReference(in: buffer, at: 28) == nil, "no semicolon")
            #expect(HTMLCharacterReferences.numericReference(in: buffer, at: 0) == nil)
        }
    }

    @Test func html4NamesKeepHTML4CodePoints() {
        #expect(HTMLCharacterReferences.codePoint(named: "hellip") == 0x2026)
        #expect(HTMLCharacterReferences.codePoint(named: "apos") == 0x27)
        #expect(HTMLCharacterReferences.codePoint(named: "lang") == 0x2329, "HTML5 moved it to U+27E8")
        #expect(HTMLCharacterReferences.codePoint(named: "colon") == nil, "an HTML5-only name")
        #expect(HTMLCharacterReferences.text(named: "colon") == ":")
        #expect(HTMLCharacterReferences.text(named: "NotEqualTilde") == "\u{2242}\u{338}", "two characters")
    }
}

/// windows-1252's one table, read two ways.
@Suite struct Windows1252Tests {
    @Test func bytesDecodeAsBrowsersReadThem() {
        #expect(Windows1252.decode([0x63, 0x61, 0x66, 0xE9, 0x20, 0x80, 0x96, 0x93, 0x94]) == "café €–“”")
        #expect(Windows1252.decode([0x81, 0x9D]) == "\u{FFFD}\u{FFFD}", "undefined bytes")
    }

    @Test func c1ControlsBecomeTheCharactersMeant() {
        #expect(Windows1252.translate("\u{93}quoted\u{94} \u{85}") == "“quoted” …")
        #expect(Windows1252.translate("\u{81}\u{9D}") == "\u{81}\u{9D}", "undefined: left for the control filter")
        #expect(Windows1252.replacement(for: 0x41) == nil)
    }
}
