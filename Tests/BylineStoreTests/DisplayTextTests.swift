import Testing
@testable import BylineStore

/// File names in messages mark each control with `?`, as `ls -q` does, so the name keeps
/// its shape and still matches the real file as a shell pattern.
@Suite struct DisplayTextTests {
    @Test func eachControlBecomesOneQuestionMark() {
        #expect(DisplayText.oneLine("a\u{1B}[2Jb.txt") == "a?[2Jb.txt")
        #expect(DisplayText.oneLine("two\nlines\t.txt") == "two?lines?.txt")
        #expect(DisplayText.oneLine("x\u{9B}y\u{202E}z\u{2028}.txt") == "x?y?z?.txt")
    }

    @Test func ordinaryNamesAreUntouched() {
        #expect(DisplayText.oneLine("Crème brûlée — 東京.txt") == "Crème brûlée — 東京.txt")
    }
}
