import Foundation
import Testing
import BylineCore

@Suite struct TitleKeyTests {
    @Test func curlyAndStraightQuotesMatch() {
        #expect(TitleKey("Even in death, Iran’s Soleimani still casts a long shadow")
            == TitleKey("even in death iran's soleimani still casts a long shadow"))
    }

    @Test func punctuationAndSpacingDoNotMatter() {
        #expect(TitleKey("“US has ended” — its combat mission!") == TitleKey("US has ended its combat mission"))
        #expect(TitleKey("  Mixed   CASE  ").value == "mixed case")
    }

    @Test func differentWordsDiffer() {
        #expect(TitleKey("Iran's shadow") != TitleKey("Iraq's shadow"))
    }

    @Test func nonLatinTitlesKeepTheirLetters() {
        #expect(TitleKey("東京の「ニュース」").value == "東京のニュース")
    }
}

@Suite struct TitleKeyFastPathTests {
    /// The ASCII fast path and the general path must agree: the same title typed with a
    /// non-ASCII character elsewhere takes the general path.
    @Test(arguments: [
        "US has ended its combat mission in Iraq -- but its malign influence remains",
        "  Tabs\tand/slashes|pipes_under  ",
        "Iran's \"shadow\" (again)! 2022",
        "",
        "---",
    ])
    func asciiAgreesWithTheGeneralPath(title: String) {
        let general = TitleKey(title + " é").value
        let expected = general.hasSuffix(" é") ? String(general.dropLast(2)) : String(general.dropLast(1))
        #expect(TitleKey(title).value == expected.trimmingCharacters(in: .whitespaces))
    }
}

/// A megabyte-long title is hostile input a feed can send; building its key must take
/// time in proportion to its length. Checked by size, not by a clock: the key of a title
/// twice as long holds exactly twice as much, and the whole suite's run shows no stall.
@Suite struct TitleKeyLongTitleTests {
    @Test func aMegabyteOfNonASCIIKeepsEveryLetter() {
        let title = String(repeating: "Ünïcödé wörds 中 ", count: 65_536)
        #expect(title.utf8.count > 1_000_000)
        let key = TitleKey(title)
        #expect(key.value.hasPrefix("ünïcödé wörds 中 ünïcödé"))
        #expect(key.value.utf8.count == title.utf8.count - 1)
    }
}
