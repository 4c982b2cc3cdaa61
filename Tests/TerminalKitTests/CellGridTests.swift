import TestSupport
import Testing
import TerminalKit

@Suite struct CellGridTests {
    let red = Style(foreground: .ansi(1))
    let blue = Style(foreground: .rgb(0, 0, 255), attributes: .bold)

    @Test func newGridIsBlankLines() {
        let grid = CellGrid(width: 4, height: 2)
        expectLines(grid.lines, ["    ", "    "])
        #expect(grid[0, 0] == Cell.blank())
    }

    @Test func writesTextAndReportsColumns() {
        var grid = CellGrid(width: 10, height: 2)
        let used = grid.write("Hello", x: 1, y: 0, style: red)
        #expect(used == 5)
        expectLines(grid.lines, [" Hello    ", "          "])
        #expect(grid[1, 0].style == red)
        #expect(grid[6, 0].style == .plain)
    }

    @Test func wideCharactersTakeTwoCells() {
        var grid = CellGrid(width: 8, height: 1)
        #expect(grid.write("中文ok", x: 0, y: 0, style: red) == 6)
        expectLines(grid.lines, ["中文ok  "])
        #expect(grid[0, 0].symbol == "中")
        #expect(grid[1, 0].isContinuation)
        #expect(grid[1, 0].style == red)
        #expect(grid[2, 0].symbol == "文")
    }

    @Test func wideCharacterAtRightEdgeBecomesSpace() {
        var grid = CellGrid(width: 5, height: 1)
        #expect(grid.write("ab中文", x: 0, y: 0, style: red) == 5)
        expectLines(grid.lines, ["ab中 "])
        #expect(grid[4, 0] == Cell.blank(red))
    }

    @Test func wideCharacterAtMaxWidthBecomesSpace() {
        var grid = CellGrid(width: 6, height: 1)
        #expect(grid.write("中文", x: 0, y: 0, style: .plain, maxWidth: 3) == 3)
        expectLines(grid.lines, ["中    "])
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var grid = CellGrid(width: 6, height: 1)
        grid.write("中文字", x: 0, y: 0, style: red)
        grid.write("x", x: 1, y: 0, style: blue)  // right half of 中
        expectLines(grid.lines, [" x文字"])
        grid.write("y", x: 2, y: 0, style: blue)  // left half of 文
        expectLines(grid.lines, [" xy 字"])
        #expect(grid[3, 0] == Cell.blank(red), "the orphaned half keeps its style")
    }

    @Test func wideOverStraddledWideCharacters() {
        var grid = CellGrid(width: 6, height: 1)
        grid.write("中文字", x: 0, y: 0, style: red)
        grid.write("한", x: 1, y: 0, style: blue)
        expectLines(grid.lines, [" 한 字"])
        #expect(grid.cells.map(\.symbol) == [" ", "한", "", " ", "字", ""])
    }

    @Test func combiningMarksAndEmojiStayInOneCell() {
        var grid = CellGrid(width: 6, height: 1)
        #expect(grid.write("e\u{301}👨‍👩‍👧🇫🇷", x: 0, y: 0, style: .plain) == 5)
        #expect(grid[0, 0].symbol == "e\u{301}")
        #expect(grid[1, 0].symbol == "👨‍👩‍👧")
        #expect(grid[3, 0].symbol == "🇫🇷")
        expectLines(grid.lines, ["e\u{301}👨‍👩‍👧🇫🇷 "])
    }

    @Test func writesAreSanitised() {
        var grid = CellGrid(width: 12, height: 1)
        grid.write("a\u{1B}[31mb\u{1B}]0;x\u{07}c\td\ne\u{202E}", x: 0, y: 0, style: .plain)
        expectLines(grid.lines, ["abc d e     "])
        #expect(grid.cells.allSatisfy { cell in cell.symbol.unicodeScalars.allSatisfy { $0.value >= 0x20 } })
    }

    @Test func clipsOutOfBoundsWrites() {
        var grid = CellGrid(width: 4, height: 2)
        #expect(grid.write("abcdef", x: 2, y: 0, style: .plain) == 2)
        #expect(grid.write("xyz", x: -2, y: 1, style: .plain) == 3)
        expectLines(grid.lines, ["  ab", "z   "])
        #expect(grid.write("hidden", x: 0, y: 5, style: .plain) == 4, "off-grid rows still measure")
        #expect(grid.write("hidden", x: 0, y: -1, style: .plain) == 4)
        #expect(grid.write("far", x: 10, y: 0, style: .plain) == 0)
        #expect(grid.write("neg", x: 0, y: 0, style: .plain, maxWidth: -3) == 0)
        expectLines(grid.lines, ["  ab", "z   "])
    }

    @Test func wideCharacterCutByLeftEdgeShowsASpace() {
        var grid = CellGrid(width: 4, height: 1, style: red)
        grid.write("中ab", x: -1, y: 0, style: blue)
        expectLines(grid.lines, [" ab "])
        #expect(grid[0, 0] == Cell.blank(blue))
    }

    @Test func zeroSizeGridsAcceptEverything() {
        var empty = CellGrid(width: 0, height: 0)
        #expect(empty.write("anything", x: 0, y: 0, style: .plain) == 0)
        empty.fill(Rect(width: 5, height: 5), style: red)
        #expect(empty.lines == [])
        var flat = CellGrid(width: 3, height: 0)
        flat.write("abc", x: 0, y: 0, style: .plain)
        #expect(flat.lines == [])
        var narrow = CellGrid(width: 0, height: 2)
        narrow.write("abc", x: 0, y: 1, style: .plain)
        #expect(narrow.lines == ["", ""])
        let negative = CellGrid(width: -3, height: -1)
        #expect(negative.width == 0 && negative.height == 0)
    }

    @Test func fillBlanksARectClippedToTheGrid() {
        var grid = CellGrid(width: 5, height: 3)
        grid.write("abcde", x: 0, y: 0, style: .plain)
        grid.write("fghij", x: 0, y: 1, style: .plain)
        grid.fill(Rect(x: 3, y: 1, width: 10, height: 10), style: blue)
        expectLines(grid.lines, ["abcde", "fgh  ", "     "])
        #expect(grid[4, 2].style == blue)
        #expect(grid[2, 2].style == .plain)
    }

    @Test func fillOverHalfAWideCharacterBlanksTheRest() {
        var grid = CellGrid(width: 4, height: 1)
        grid.write("中文", x: 0, y: 0, style: red)
        grid.fill(Rect(x: 1, y: 0, width: 1, height: 1), style: blue)
        expectLines(grid.lines, ["  文"])
    }

    @Test func subscriptOutsideIsBlankAndIgnored() {
        var grid = CellGrid(width: 2, height: 1)
        grid[5, 5] = Cell(symbol: "x")
        #expect(grid[5, 5] == Cell.blank())
        #expect(grid[-1, 0] == Cell.blank())
        grid[1, 0] = Cell(symbol: "y", style: red)
        expectLines(grid.lines, [" y"])
    }

    @Test func writesStyledSpansInSequence() {
        var grid = CellGrid(width: 10, height: 1)
        let spans = [StyledSpan("ab", style: red), StyledSpan("中", style: blue), StyledSpan("cdefghij")]
        #expect(grid.write(spans, x: 1, y: 0, maxWidth: 6) == 6)
        expectLines(grid.lines, [" ab中cd   "])
        #expect(grid[3, 0].style == blue)
        #expect(grid[5, 0].style == .plain)
    }

    @Test func clustersWiderThanTwoCellsGetEveryContinuation() {
        var grid = CellGrid(width: 5, height: 1)
        #expect(grid.write("क्षिa", x: 0, y: 0, style: .plain) == 4)
        #expect(grid.cells.map(\.symbol) == ["क्षि", "", "", "a", " "])
        grid.write("x", x: 2, y: 0, style: .plain)
        #expect(grid.cells.map(\.symbol) == [" ", " ", "x", "a", " "])
    }

    @Test func emojiPresentationSelectorIsWide() {
        var grid = CellGrid(width: 4, height: 1)
        #expect(grid.write("❤️!", x: 0, y: 0, style: .plain) == 3)
        expectLines(grid.lines, ["❤️! "])
    }
}
