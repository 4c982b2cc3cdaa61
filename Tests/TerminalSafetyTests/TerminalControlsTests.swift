import BylineCore
import TerminalKit
import TerminalSafety
import Testing

/// One table for what reaches the terminal: every case holds for text bound for a story
/// file (`StoryText`) and for text drawn on the screen (`VisibleText`), since both read it
/// through the one scanner. The policies differ only in tabs and line breaks, tested below.
@Suite struct TerminalControlsTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let input: String
        let output: String
        let why: String
        init(_ input: String, _ output: String, _ why: String) {
            (self.input, self.output, self.why) = (input, output, why)
        }
        var testDescription: String { why }
    }

    static let cases: [Case] = [
        // Ordinary text is untouched.
        Case("Thousands mark anniversary — 中文 👍 e\u{301}", "Thousands mark anniversary — 中文 👍 e\u{301}", "plain text"),
        Case("Crème brûlée, 東京 and “quotes” — fine.", "Crème brûlée, 東京 and “quotes” — fine.", "accents and quotes"),
        Case("", "", "empty"),
        // CSI goes whole.
        Case("\u{1B}[31mred\u{1B}[0m", "red", "SGR colours"),
        Case("a\u{1B}[2J\u{1B}[1;1Hb", "ab", "clear screen, cursor home"),
        Case("x\u{1B}[?1049hy", "xy", "private mode"),
        Case("x\u{1B}[38;2;255;0;0my", "xy", "true colour"),
        Case("Evil \u{1B}[31mitem", "Evil item", "feed title with colour"),
        Case("Evil \u{1B}[2Jitem", "Evil item", "feed title clearing the screen"),
        // Control strings go whole with either terminator.
        Case("a\u{1B}]0;pwned title\u{07}b", "ab", "OSC window title, BEL"),
        Case("Evil \u{1B}]0;RSSPWN\u{07}item", "Evil item", "feed title retitling the window"),
        Case("a\u{1B}]8;;http://evil\u{1B}\\link\u{1B}]8;;\u{1B}\\b", "alinkb", "OSC 8 hyperlink, ESC \\"),
        Case("a\u{1B}]8;;http://evil\u{1B}\\link", "alink", "hyperlink left open"),
        Case("Evil \u{1B}]8;;http://x\u{1B}\\item", "Evil item", "feed hyperlink"),
        Case("a\u{1B}]52;c;ZXZpbA==\u{9C}b", "ab", "clipboard write, C1 ST"),
        Case("a\u{1B}Pq#0;2;0;0;0\u{1B}\\b", "ab", "DCS (sixel)"),
        Case("a\u{1B}_Gf=100;AAAA\u{1B}\\b", "ab", "APC (kitty graphics)"),
        Case("a\u{1B}^secret\u{1B}\\b", "ab", "PM"),
        Case("a\u{1B}Xsos\u{1B}\\b", "ab", "SOS"),
        // Short escapes.
        Case("a\u{1B}cb", "ab", "reset"),
        Case("a\u{1B}(0b", "ab", "charset designation"),
        Case("a\u{1B}#8b", "ab", "intermediate and final"),
        Case("a\u{1B}", "a", "trailing lone ESC"),
        Case("a\u{1B}\u{1B}[1mb", "ab", "ESC before a sequence"),
        Case("a\u{1B}\\b", "ab", "a lone ST"),
        Case("a\u{1B}(", "a(", "intermediate without a final byte: only the ESC goes"),
        // The 8-bit forms.
        Case("a\u{9B}31mb", "ab", "C1 CSI"),
        Case("a\u{9D}0;title\u{07}b", "ab", "C1 OSC"),
        Case("before \u{9D}0;PWNED\u{07}after", "before after", "C1 OSC, BEL"),
        Case("a\u{90}payload\u{9C}b", "ab", "C1 DCS"),
        Case("before \u{90}qpayload\u{9C}after", "before after", "C1 DCS, C1 ST"),
        Case("before \u{9E}private\u{1B}\\after", "before after", "C1 PM, ESC \\"),
        Case("a\u{9F}apc\u{1B}\\b", "ab", "C1 APC"),
        Case("before \u{9F}app\u{07}after", "before after", "C1 APC, BEL"),
        Case("before \u{98}sos\u{9C}after", "before after", "C1 SOS"),
        Case("a\u{80}\u{8D}\u{9A}b", "ab", "other C1 controls"),
        // Lone controls and format controls.
        Case("bell\u{07} back\u{08}space\u{7F} nul\u{00}", "bell backspace nul", "C0 and DEL"),
        Case("abc\u{202E}fed\u{202C}", "abcfed", "bidi override"),
        Case("\u{2066}x\u{2067}y\u{2068}z\u{2069}\u{202A}\u{202B}\u{202D}", "xyz", "bidi isolates and embeddings"),
        Case("\u{206A}a\u{206F}b\u{FFF9}c\u{FFFB}", "abc", "shaping controls, interlinear annotation"),
        Case("שלום", "שלום", "right-to-left letters stay"),
        Case("👩\u{200D}💻 a\u{200E}b\u{200C}c", "👩\u{200D}💻 a\u{200E}b\u{200C}c", "joiners and direction marks stay"),
        // Never eat text that a terminator does not close: the introducer goes alone.
        Case("Caf\u{9D}", "Caf", "U+009D at the end"),
        Case("a\u{1B}]", "a", "ESC ] at the end"),
        Case("a\u{1B}P", "a", "ESC P at the end"),
        Case("a\u{1B}[", "a", "ESC [ at the end"),
        Case("x\u{9D}open", "xopen", "U+009D before text"),
        Case("title\u{1B}]0;never ends", "title0;never ends", "OSC never closed"),
        Case("x\u{1B}P no terminator at all", "x no terminator at all", "DCS never closed"),
        Case("x\u{1B}[12;34", "x12;34", "CSI without a final byte"),
        Case("x\u{9B}12", "x12", "C1 CSI without a final byte"),
        Case("\u{1B}[1é\u{1B}[0m", "1é", "CSI aborted by a character outside its alphabet"),
        Case("He said \u{E2}\u{80}\u{9D}quoted. Then the rest. Second sentence.",
             "He said \u{E2}quoted. Then the rest. Second sentence.", "mojibake of ” mid-paragraph"),
        Case("Po\u{9E}ega is a town. More text.", "Poega is a town. More text.", "mojibake of ž"),
        Case("â€\u{9C}Hello,â€\u{9D} he said. â€\u{9C}Bye.â€\u{9D}", "â€Hello,â€ he said. â€Bye.â€",
             "a later ST does not close a payload that is not ASCII"),
        Case("one \u{1B}]two\u{1B}Pthree\u{9D}four \u{9B}«five»", "one twothreefour «five»", "introducers mid-paragraph"),
        Case("ends\u{9B}e here", "ends here", "a CSI needs no more than a final byte: a letter closes it"),
        Case("x\u{1B}]0;a\u{9D}b\u{07}y", "x0;ay", "a control inside a payload leaves it open"),
    ]

    @Test(arguments: cases)
    func storyTextAndTheScreenAgree(_ example: Case) {
        #expect(StoryText.removingControls(example.input) == example.output)
        #expect(VisibleText.sanitize(example.input) == example.output)
        #expect(VisibleText.sanitize(example.input, keepingNewlines: true) == example.output)
        #expect(TerminalControls.removing(from: example.input, lineBreaks: .asWritten) == example.output)
    }

    @Test func aStrayIntroducerNeverSwallowsTheRestOfAParagraph() {
        for introducer in ["\u{9D}", "\u{1B}]", "\u{1B}P", "\u{1B}[", "\u{9B}", "\u{90}"] {
            let text = "The first \(introducer)“half”; the second half.\nNext line, with a bell\u{07} later.\n\nNext paragraph."
            #expect(StoryText.removingControls(text)
                == "The first “half”; the second half.\nNext line, with a bell later.\n\nNext paragraph.", "\(introducer.unicodeScalars.map(\.value))")
        }
        // A control string's ASCII payload is not closed by a BEL on a later line.
        for introducer in ["\u{9D}", "\u{1B}]", "\u{1B}P", "\u{90}"] {
            let ascii = "The first \(introducer)0;half; the second half.\nNext line, with a bell\u{07} later."
            #expect(StoryText.removingControls(ascii).hasSuffix("0;half; the second half.\nNext line, with a bell later."))
        }
    }

    /// The reader draws a story file's paragraphs through `VisibleText`; text mis-decoded
    /// somewhere upstream (U+009D from the mojibake of ”) must not cost the paragraph its end.
    @Test func aStoryFileFromDiskKeepsItsParagraphAfterAStrayIntroducer() throws {
        let file = "Title: Mojibake\n\nHe said \u{E2}\u{80}\u{9D}quoted\u{9D} and then the rest of the paragraph.\n\nNext.\n"
        let story = try StoryFileParser.parse(Array(file.utf8)).get()
        let drawn = story.body.compactMap { block -> String? in
            if case .paragraph(let text) = block { return VisibleText.sanitize(text) }
            return nil
        }
        #expect(drawn == ["He said \u{E2}quoted and then the rest of the paragraph.", "Next."])
    }

    @Test func anESCInsideAPayloadOtherThanSTLeavesItOpen() {
        #expect(VisibleText.sanitize("a\u{1B}]0;x\u{1B}[1mb") == "a0;xb")
    }

    // MARK: - The policies

    @Test func storyTextKeepsTabsAndMakesEveryLineBreakALineFeed() {
        #expect(StoryText.removingControls("one\ttwo\nthree\u{07}\u{00}\u{7F}") == "one\ttwo\nthree")
        #expect(StoryText.removingControls("a\r\nb\rc\u{85}d\u{2028}e\u{2029}f\u{0B}g\u{0C}h") == "a\nb\nc\nd\ne\nf\ng\nh")
    }

    @Test func feedFieldsKeepTheLineBreaksThatAreWhiteSpace() {
        #expect(TerminalControls.removing(from: "a\r\nb\u{0B}c\u{0C}d\u{85}e\u{2028}f\rg\th\u{1B}[1mi", lineBreaks: .asWritten)
            == "a\r\nbcde\u{2028}f\rg\thi")
    }

    @Test func theScreenExpandsTabsToTheNextStop() {
        #expect(VisibleText.sanitize("a\tb") == "a   b")
        #expect(VisibleText.sanitize("\tx") == "    x")
        #expect(VisibleText.sanitize("abcd\te", tabWidth: 4) == "abcd    e")
        #expect(VisibleText.sanitize("中\tx") == "中  x", "stops count cells")
        #expect(VisibleText.sanitize("a\u{1B}[1m\tb") == "a   b", "a removed sequence takes no cells")
        #expect(VisibleText.sanitize("a\nb\tc", keepingNewlines: true) == "a\nb   c")
    }

    @Test func theScreenMakesLineBreaksSpacesOrNewlines() {
        #expect(VisibleText.sanitize("one\ntwo\r\nthree\rfour") == "one two three four")
        #expect(VisibleText.sanitize("one\ntwo\r\nthree\rfour", keepingNewlines: true) == "one\ntwo\nthree\nfour")
        #expect(VisibleText.sanitize("a\u{2028}b\u{2029}c\u{0C}d", keepingNewlines: true) == "a\nb\nc\nd")
        #expect(VisibleText.sanitize("a\nb", keepingNewlines: true) == "a\nb")
        #expect(VisibleText.sanitize("a\u{85}b") == "a b", "NEL is a line break")
    }

    @Test func perCharacterPoliciesCountTheSameControls() {
        let controls: [Unicode.Scalar] = ["\u{00}", "\u{09}", "\u{0A}", "\u{1B}", "\u{7F}", "\u{85}", "\u{9B}", "\u{9D}",
                                          "\u{202E}", "\u{2066}", "\u{2028}", "\u{FFF9}"]
        let text: [Unicode.Scalar] = ["a", " ", "~", "é", "\u{A0}", "\u{200D}", "\u{200E}", "中", "👍"]
        #expect(controls.allSatisfy(TerminalControls.isControl))
        #expect(!text.contains(where: TerminalControls.isControl))
        for scalar in controls {
            #expect(VisibleText.sanitize("a\(scalar)b") != "a\(scalar)b", "the scanner drops or converts \(scalar.value)")
        }
    }

    // MARK: - Whatever the input

    @Test func pathologicalInputFinishes() {
        // Each ESC ] is left open by the ESC after it; the last is left open by the end.
        let manyEscapes = String(repeating: "\u{1B}]", count: 50_000)
        #expect(VisibleText.sanitize(manyEscapes + "tail") == "tail")
        // Each ESC aborts the CSI before it; the last one takes "o" as its final byte.
        let manyCSI = String(repeating: "\u{1B}[", count: 50_000) + "ok"
        #expect(VisibleText.sanitize(manyCSI) == "k")
        let controls = String(repeating: "\u{1B}\u{9B}\u{07}", count: 30_000) + "end"
        #expect(VisibleText.sanitize(controls) == "end")
        let openStrings = String(repeating: "\u{9D}" + String(repeating: "x", count: 100), count: 5_000)
        #expect(StoryText.removingControls(openStrings).count == 500_000)
    }

    @Test func resultNeverContainsControls() {
        let nasty = "\u{1B}[31m\u{9B}1m\u{1B}]0;t\u{1B}\\\u{07}\u{00}\u{1F}\u{7F}\u{80}\u{9A}\u{202E}\u{2066}\u{9D}\u{1B}P\t\r\n"
        for clean in [VisibleText.sanitize(nasty + "ok" + nasty), StoryText.removingControls(nasty + "ok" + nasty)] {
            #expect(clean.unicodeScalars.allSatisfy { !TerminalControls.isControl($0) || $0 == "\n" || $0 == "\t" })
            #expect(clean.contains("ok"))
        }
    }
}
