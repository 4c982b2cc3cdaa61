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
