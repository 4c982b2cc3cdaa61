import Testing
import TerminalKit

@Suite struct VisibleTextTests {
    @Test func plainTextIsUnchanged() {
        let text = "Thousands mark anniversary — 中文 👍 e\u{301}"
        #expect(VisibleText.sanitize(text) == text)
        #expect(VisibleText.sanitize("") == "")
    }

    @Test func removesCSISequencesWhole() {
        #expect(VisibleText.sanitize("\u{1B}[31mred\u{1B}[0m") == "red")
        #expect(VisibleText.sanitize("a\u{1B}[2J\u{1B}[1;1Hb") == "ab")
        #expect(VisibleText.sanitize("x\u{1B}[?1049hy") == "xy", "private mode")
        #expect(VisibleText.sanitize("x\u{1B}[38;2;255;0;0my") == "xy")
    }

    @Test func removesOSCWithEitherTerminator() {
        #expect(VisibleText.sanitize("a\u{1B}]0;pwned title\u{07}b") == "ab")
        #expect(VisibleText.sanitize("a\u{1B}]8;;http://evil\u{1B}\\link\u{1B}]8;;\u{1B}\\b") == "alinkb")
        #expect(VisibleText.sanitize("a\u{1B}]52;c;ZXZpbA==\u{9C}b") == "ab", "clipboard write, C1 ST")
    }

    @Test func removesDeviceControlAndPrivacyStrings() {
        #expect(VisibleText.sanitize("a\u{1B}Pq#0;2;0;0;0\u{1B}\\b") == "ab", "DCS (sixel)")
        #expect(VisibleText.sanitize("a\u{1B}_Gf=100;AAAA\u{1B}\\b") == "ab", "APC (kitty graphics)")
        #expect(VisibleText.sanitize("a\u{1B}^secret\u{1B}\\b") == "ab", "PM")
        #expect(VisibleText.sanitize("a\u{1B}Xsos\u{1B}\\b") == "ab", "SOS")
    }

    @Test func removesShortEscapes() {
        #expect(VisibleText.sanitize("a\u{1B}cb") == "ab", "reset")
        #expect(VisibleText.sanitize("a\u{1B}(0b") == "ab", "charset designation")
        #expect(VisibleText.sanitize("a\u{1B}#8b") == "ab")
        #expect(VisibleText.sanitize("a\u{1B}") == "a", "trailing lone ESC")
        #expect(VisibleText.sanitize("a\u{1B}\u{1B}[1mb") == "ab")
    }

    @Test func removesEightBitForms() {
        #expect(VisibleText.sanitize("a\u{9B}31mb") == "ab", "C1 CSI")
        #expect(VisibleText.sanitize("a\u{9D}0;title\u{07}b") == "ab", "C1 OSC")
        #expect(VisibleText.sanitize("a\u{90}payload\u{9C}b") == "ab", "C1 DCS")
        #expect(VisibleText.sanitize("a\u{9F}apc\u{1B}\\b") == "ab", "C1 APC")
        #expect(VisibleText.sanitize("a\u{85}b") == "a b", "NEL is a line break")
        #expect(VisibleText.sanitize("a\u{80}\u{8D}\u{9A}b") == "ab")
    }

    @Test func unterminatedSequencesRunToTheEnd() {
        #expect(VisibleText.sanitize("title\u{1B}]0;never ends") == "title")
        #expect(VisibleText.sanitize("x\u{1B}P no terminator at all") == "x")
        #expect(VisibleText.sanitize("x\u{1B}[12;34") == "x")
        #expect(VisibleText.sanitize("x\u{9D}open") == "x")
    }

    @Test func csiAbortedByForeignCharacterKeepsTheRest() {
        // A terminal abandons a CSI at a character outside its alphabet; the text after it
        // is ordinary text again.
        #expect(VisibleText.sanitize("\u{1B}[1é\u{1B}[0m") == "é")
    }

    @Test func removesLoneControlsAndDelete() {
        #expect(VisibleText.sanitize("bell\u{07} back\u{08}space\u{7F} nul\u{00}") == "bell backspace nul")
    }

    @Test func removesBidiOverridesAndIsolates() {
        #expect(VisibleText.sanitize("abc\u{202E}fed\u{202C}") == "abcfed")
        #expect(VisibleText.sanitize("\u{2066}x\u{2067}y\u{2068}z\u{2069}\u{202A}\u{202B}\u{202D}") == "xyz")
        #expect(VisibleText.sanitize("שלום") == "שלום", "right-to-left letters stay")
    }

    @Test func tabsBecomeSpacesToTheNextStop() {
        #expect(VisibleText.sanitize("a\tb") == "a   b")
        #expect(VisibleText.sanitize("\tx") == "    x")
        #expect(VisibleText.sanitize("abcd\te", tabWidth: 4) == "abcd    e")
        #expect(VisibleText.sanitize("中\tx") == "中  x", "stops count cells")
        #expect(VisibleText.sanitize("a\nb\tc", keepingNewlines: true) == "a\nb   c")
    }

    @Test func lineBreaksBecomeSpacesOrNewlines() {
        #expect(VisibleText.sanitize("one\ntwo\r\nthree\rfour") == "one two three four")
        #expect(VisibleText.sanitize("one\ntwo\r\nthree\rfour", keepingNewlines: true) == "one\ntwo\nthree\nfour")
        #expect(VisibleText.sanitize("a\u{2028}b\u{2029}c\u{0C}d", keepingNewlines: true) == "a\nb\nc\nd")
        #expect(VisibleText.sanitize("a\nb", keepingNewlines: true) == "a\nb")
    }

    @Test func pathologicalInputFinishes() {
        let manyEscapes = String(repeating: "\u{1B}]", count: 50_000)
        #expect(VisibleText.sanitize(manyEscapes + "tail") == "")
        // Each ESC aborts the CSI before it; the last one takes "o" as its final byte.
        let manyCSI = String(repeating: "\u{1B}[", count: 50_000) + "ok"
        #expect(VisibleText.sanitize(manyCSI) == "k")
        let controls = String(repeating: "\u{1B}\u{9B}\u{07}", count: 30_000) + "end"
        #expect(VisibleText.sanitize(controls) == "end")
    }

    @Test func resultNeverContainsControls() {
        let nasty = "\u{1B}[31m\u{9B}1m\u{1B}]0;t\u{1B}\\\u{07}\u{00}\u{1F}\u{7F}\u{80}\u{9A}\u{202E}\u{2066}\t\r\n"
        let clean = VisibleText.sanitize(nasty + "ok" + nasty)
        #expect(clean.unicodeScalars.allSatisfy { $0.value >= 0x20 && !(0x7F..<0xA0).contains($0.value) })
        #expect(clean.contains("ok"))
    }
}
