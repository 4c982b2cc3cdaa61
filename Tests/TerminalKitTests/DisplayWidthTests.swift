import Testing
@testable import TerminalKit

@Suite struct DisplayWidthTests {
    @Test func asciiIsOneCellPerCharacter() {
        #expect(DisplayWidth.of("Hello, world!") == 13)
        #expect(DisplayWidth.of("") == 0)
        #expect(DisplayWidth.of(Character("a")) == 1)
        #expect(DisplayWidth.of(Character(" ")) == 1)
    }

    @Test func controlsTakeNoCell() {
        #expect(DisplayWidth.of(Character("\u{1B}")) == 0)
        #expect(DisplayWidth.of(Character("\u{7F}")) == 0)
        #expect(DisplayWidth.of(Character("\u{9B}")) == 0)
        #expect(DisplayWidth.of("a\u{07}b") == 2)
    }

    @Test func latinWithAccentsIsNarrow() {
        #expect(DisplayWidth.of("café") == 4)
        #expect(DisplayWidth.of("naïve résumé") == 12)
        #expect(DisplayWidth.of("Ελληνικά Русский") == 16)
    }

    @Test func cjkIsTwoCells() {
        #expect(DisplayWidth.of(Character("中")) == 2)
        #expect(DisplayWidth.of("中文") == 4)
        #expect(DisplayWidth.of("日本語のテキスト") == 16)
        #expect(DisplayWidth.of("ｶ") == 1, "halfwidth katakana stays narrow")
        #expect(DisplayWidth.of("Ａ") == 2, "fullwidth Latin is wide")
        #expect(DisplayWidth.of("、。") == 4)
        #expect(DisplayWidth.of("\u{3000}") == 2, "ideographic space")
        #expect(DisplayWidth.of("\u{20000}") == 2, "CJK extension B")
    }

    @Test func hangulSyllablesAndJamo() {
        #expect(DisplayWidth.of("한국어") == 6)
        // A syllable spelled with conjoining jamo is one cluster, two cells wide.
        #expect(DisplayWidth.of("\u{1112}\u{1161}\u{11AB}") == 2)
    }

    @Test func combiningMarksJoinTheirBase() {
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("e\u{301}\u{302}\u{303}") == 1)
        #expect(DisplayWidth.of("Zalgo\u{336}\u{337}") == 5)
        #expect(DisplayWidth.of(Character("\u{301}")) == 0, "a lone mark has no cell of its own")
        #expect(DisplayWidth.of("क्षि") == 3, "Devanagari conjunct: letters and spacing sign count")
        #expect(DisplayWidth.of("हिन्दी") == 5)
    }

    @Test func zeroWidthCharacters() {
        #expect(DisplayWidth.of("a\u{200B}b") == 2, "zero-width space")
        #expect(DisplayWidth.of("a\u{200D}b") == 2, "zero-width joiner")
        #expect(DisplayWidth.of("\u{FEFF}") == 0, "byte order mark")
        #expect(DisplayWidth.of("x\u{FE00}") == 1, "variation selector")
    }

    @Test func emoji() {
        #expect(DisplayWidth.of("👍") == 2)
        #expect(DisplayWidth.of("👍🏽") == 2, "skin tone modifier")
        #expect(DisplayWidth.of("☝🏽") == 2, "skin tone on a text-default base")
        #expect(DisplayWidth.of("👩🏽‍💻") == 2)
        #expect(DisplayWidth.of("🏴󠁧󠁢󠁳󠁣󠁴󠁿") == 2, "tag sequence flag")
        #expect(DisplayWidth.of("👨‍👩‍👧") == 2, "ZWJ family sequence")
        #expect(DisplayWidth.of("🇫🇷") == 2, "flag")
        #expect(DisplayWidth.of("🇫🇷🇩🇪") == 4)
        #expect(DisplayWidth.of("❤️") == 2, "VS16 makes a text-default symbol wide")
        #expect(DisplayWidth.of("❤") == 1)
        #expect(DisplayWidth.of("1️⃣") == 2, "keycap")
        #expect(DisplayWidth.of("🫠") == 2, "Unicode 14 emoji")
        #expect(DisplayWidth.of("⌚") == 2)
    }

    @Test func rightToLeftTextIsNarrow() {
        #expect(DisplayWidth.of("שלום") == 4)
        #expect(DisplayWidth.of("مرحبا") == 5)
    }

    @Test func tablesAreSortedAndDisjoint() {
        for table in [wideRanges, zeroWidthRanges] {
            for (index, range) in table.enumerated() {
                #expect(range.0 <= range.1)
                if index > 0 { #expect(table[index - 1].1 < range.0) }
            }
        }
    }

    @Test func scalarWidths() {
        #expect(DisplayWidth.of(Unicode.Scalar(0x4E00)!) == 2)
        #expect(DisplayWidth.of(Unicode.Scalar(0x0301)!) == 0)
        #expect(DisplayWidth.of(Unicode.Scalar(0x00AD)!) == 1, "soft hyphen, as terminals draw it")
        #expect(DisplayWidth.of(Unicode.Scalar(0xFFFD)!) == 1)
    }
}
