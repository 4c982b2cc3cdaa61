import TestSupport
import Testing
import TerminalKit

@Suite struct TextWrapperTests {
    @Test func wrapsEnglishAtSpaces() {
        let text = "The quick brown fox jumps over the lazy dog"
        expectLines(TextWrapper.wrap(text, width: 10), ["The quick", "brown fox", "jumps over", "the lazy", "dog"])
        expectLines(TextWrapper.wrap(text, width: 100), [text])
    }

    @Test func dropsSpacesAtLineStartsAndEnds() {
        expectLines(TextWrapper.wrap("   lead    and   trail   ", width: 8), ["lead", "and", "trail"])
        expectLines(TextWrapper.wrap("a  b", width: 10), ["a  b"], "inner spaces kept")
        #expect(TextWrapper.wrap("      ", width: 4) == [])
        #expect(TextWrapper.wrap("", width: 4) == [])
    }

    @Test func breaksLongWordsByCells() {
        expectLines(TextWrapper.wrap("supercalifragilistic is long", width: 6),
                    ["superc", "alifra", "gilist", "ic is", "long"])
        expectLines(TextWrapper.wrap("see https://example.org/a/very/long/path", width: 12),
                    ["see", "https://exam", "ple.org/a/ve", "ry/long/path"])
    }

    @Test func cjkBreaksBetweenAnyWideCharacters() {
        expectLines(TextWrapper.wrap("日本語のテキストを折り返す", width: 7),
                    ["日本語", "のテキ", "ストを", "折り返", "す"])
    }

    @Test func cjkKeepsClosingPunctuationOffLineStarts() {
        // "。" may not start a line, so "す" moves down with it.
        expectLines(TextWrapper.wrap("折り返す。次", width: 8), ["折り返", "す。次"])
        expectLines(TextWrapper.wrap("「引用」です", width: 6), ["「引", "用」で", "す"], "「 stays with what follows")
    }

    @Test func mixedLatinAndCJK() {
        expectLines(TextWrapper.wrap("Tokyo 東京 is big", width: 8), ["Tokyo 東", "京 is", "big"])
        expectLines(TextWrapper.wrap("iPhone发布会", width: 8), ["iPhone发", "布会"])
    }

    @Test func combiningMarksStayWithTheirBase() {
        let text = "e\u{301}e\u{301}e\u{301}e\u{301}"
        let lines = TextWrapper.wrap(text, width: 3)
        #expect(lines == ["e\u{301}e\u{301}e\u{301}", "e\u{301}"])
        #expect(lines.allSatisfy { $0.unicodeScalars.first != "\u{301}" })
    }

    @Test func emojiClustersAreNeverSplit() {
        let lines = TextWrapper.wrap("👨‍👩‍👧👨‍👩‍👧🇫🇷🇫🇷", width: 3)
        #expect(lines == ["👨‍👩‍👧", "👨‍👩‍👧", "🇫🇷", "🇫🇷"])
    }

    @Test func everyLineFits() {
        let text = "Mixed 中文 text with e\u{301}mojis 👍🏽 and a verylongwordthatkeepsgoing, 한국어 문장도 있다."
        for width in 2...30 {
            for line in TextWrapper.wrap(text, width: width) {
                #expect(DisplayWidth.of(line) <= width, "width \(width): \(line)")
            }
        }
    }

    @Test func tinyWidthsStillTerminate() {
        expectLines(TextWrapper.wrap("ab c", width: 0), ["a", "b", "c"])
        expectLines(TextWrapper.wrap("中x", width: 1), ["中", "x"], "a wide character alone overflows")
        expectLines(TextWrapper.wrap("ab", width: -5), ["a", "b"])
    }

    @Test func newlinesEndParagraphs() {
        expectLines(TextWrapper.wrap("first line\n\nsecond para\r\nthird", width: 20),
                    ["first line", "", "second para", "third"])
    }

    @Test func textIsSanitised() {
        expectLines(TextWrapper.wrap("\u{1B}[31mred\u{1B}[0m and\tmore\u{07}", width: 40), ["red and more"])
    }

    @Test func spansKeepStylesAndTagsAcrossBreaks() {
        let bold = Style(attributes: .bold)
        let link = Style(foreground: .ansi(4), attributes: .underline)
        let spans = [
            StyledSpan("Read the ", style: .plain),
            StyledSpan("full story here", style: link, tag: 1),
            StyledSpan(" now", style: bold),
        ]
        let lines = TextWrapper.wrap(spans, width: 12)
        #expect(lines == [
            [StyledSpan("Read the", style: .plain)],
            [StyledSpan("full story", style: link, tag: 1)],
            [StyledSpan("here", style: link, tag: 1), StyledSpan(" now", style: bold)],
        ])
    }

    @Test func spansJoinedWithoutSpaceAreOneWord() {
        let spans = [StyledSpan("foo", style: .plain), StyledSpan("bar", style: Style(attributes: .bold), tag: 3)]
        let lines = TextWrapper.wrap(spans + [StyledSpan(" baz")], width: 6)
        #expect(lines.map(\.plainText) == ["foobar", "baz"])
        #expect(lines[0][1].tag == 3)
    }

    @Test func adjacentSpansWithSameStyleMerge() {
        let lines = TextWrapper.wrap([StyledSpan("ab"), StyledSpan("cd")], width: 10)
        #expect(lines == [[StyledSpan("abcd")]])
    }

    @Test func indentAndHangingIndent() {
        let quote = Style(foreground: .ansi(2), background: .ansi(0), attributes: .italic)
        let lines = TextWrapper.wrap([StyledSpan("one two three four", style: quote)], width: 9, indent: 2, hangingIndent: 4)
        expectLines(lines.map(\.plainText), ["  one two", "    three", "    four"])
        #expect(lines[0][0] == StyledSpan("  ", style: Style(foreground: .ansi(2), background: .ansi(0))))
        #expect(lines[1][1].style == quote)
    }

    @Test func indentsNeverLeaveNoRoom() {
        expectLines(TextWrapper.wrap([StyledSpan("abc")], width: 3, indent: 10, hangingIndent: 10).map(\.plainText),
                    ["  a", "  b", "  c"])
    }

    @Test func hugeInputIsQuick() {
        let paragraph = String(repeating: "word 中文 e\u{301} ", count: 5_000)
        let lines = TextWrapper.wrap(paragraph, width: 37)
        #expect(lines.count > 1_000)
    }
}
