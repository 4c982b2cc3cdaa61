import Testing
import TerminalKit

@Suite struct TextFittingTests {
    @Test func truncateLeavesShortTextAlone() {
        #expect(TextWrapper.truncate("short", width: 10) == "short")
        #expect(TextWrapper.truncate("exact", width: 5) == "exact")
    }

    @Test func truncateByDisplayWidth() {
        #expect(TextWrapper.truncate("Hello world", width: 8) == "Hello w…")
        #expect(TextWrapper.truncate("中文标题很长", width: 7) == "中文标…")
        #expect(TextWrapper.truncate("中文标题很长", width: 6) == "中文…", "a wide character never half-fits")
        #expect(TextWrapper.truncate("e\u{301}e\u{301}e\u{301}e\u{301}", width: 3) == "e\u{301}e\u{301}…")
    }

    @Test func truncateDropsSpacesBeforeTheEllipsis() {
        #expect(TextWrapper.truncate("Hello world", width: 7) == "Hello…")
    }

    @Test func truncateAtTinyWidths() {
        #expect(TextWrapper.truncate("Hello", width: 1) == "…")
        #expect(TextWrapper.truncate("Hello", width: 0) == "")
        #expect(TextWrapper.truncate("Hello", width: -2) == "")
        #expect(TextWrapper.truncate("Hello", width: 2, ellipsis: "...") == "He", "no room for the ellipsis")
        #expect(TextWrapper.truncate("Hello there", width: 8, ellipsis: "...") == "Hello...")
    }

    @Test func padByDisplayWidth() {
        #expect(TextWrapper.pad("ab", width: 5) == "ab   ")
        #expect(TextWrapper.pad("中", width: 5, alignment: .right) == "   中")
        #expect(TextWrapper.pad("ab", width: 6, alignment: .center) == "  ab  ")
        #expect(TextWrapper.pad("toolong", width: 3) == "toolong")
    }

    @Test func fitMakesExactWidth() {
        #expect(TextWrapper.fit("中文标题", width: 6) == "中文… ")
        #expect(DisplayWidth.of(TextWrapper.fit("中文标题", width: 6)) == 6)
        #expect(TextWrapper.fit("ok", width: 4) == "ok  ")
    }
}
