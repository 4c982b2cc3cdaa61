import Foundation
import BylineCore
import Testing

/// Text bound for story files loses whatever could drive a terminal, and nothing else.
@Suite struct StoryTextTests {
    @Test func escapeSequencesGoWhole() {
        #expect(StoryText.removingControls("a\u{1B}[2Jb") == "ab")
        #expect(StoryText.removingControls("a\u{1B}]0;owned\u{07}b") == "ab", "window title")
        #expect(StoryText.removingControls("a\u{1B}]8;;http://evil\u{1B}\\link") == "alink", "hyperlink")
        #expect(StoryText.removingControls("a\u{9B}31mb") == "ab", "C1 CSI")
        #expect(StoryText.removingControls("a\u{1B}cb") == "ab", "reset")
    }

    @Test func otherControlsGoButTabsAndLineBreaksStay() {
        #expect(StoryText.removingControls("one\ttwo\nthree\u{07}\u{00}\u{7F}\u{85}") == "one\ttwo\nthree")
        #expect(StoryText.removingControls("a\r\nb") == "a\n\nb")
        #expect(StoryText.removingControls("a\r\nb", keepingCarriageReturns: true) == "a\r\nb")
    }

    @Test func ordinaryTextIsUntouched() {
        let text = "Crème brûlée, 東京 and “quotes” — fine."

        #expect(StoryText.removingControls(text) == text)
    }
}

@Suite struct EightBitControlStringTests {
    @Test(arguments: ["\u{9D}0;PWNED\u{07}", "\u{90}qpayload\u{9C}", "\u{9E}private\u{1B}\\", "\u{9F}app\u{07}", "\u{98}sos\u{9C}"])
    func introducerAndPayloadGoTogether(sequence: String) {
        #expect(StoryText.removingControls("before " + sequence + "after") == "before after")
    }

    /// The same code points come from mis-decoded ordinary text: there only they go.
    @Test func mojibakeDoesNotSwallowTheText() {
        #expect(StoryText.removingControls("He said \u{E2}\u{80}\u{9D}quoted. Then the rest.\nSecond paragraph.")
            == "He said \u{E2}quoted. Then the rest.\nSecond paragraph.")
        #expect(StoryText.removingControls("Po\u{9E}ega is a town. More text.") == "Poega is a town. More text.")
    }

    @Test func datesOutsideFourDigitYearsAreHeldAtTheEdge() {
        #expect(StoryDate.format(Date(timeIntervalSince1970: 1e300)) == "9999-12-31T23:59:59Z")
        #expect(StoryDate.format(Date(timeIntervalSince1970: -1e300)) == "0001-01-01T00:00:00Z")
    }
}
