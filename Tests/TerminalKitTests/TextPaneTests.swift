import TestSupport
import Testing
import TerminalKit

@Suite struct TextPaneTests {
    let link = Style(foreground: .ansi(4), attributes: .underline)
    let paper = Style(background: .ansi(7))

    /// A story already wrapped to 12 cells, with a link across two lines.
    func story() -> [[StyledSpan]] {
        [
            [StyledSpan("Calls for")],
            [StyledSpan("withdrawal")],
            [StyledSpan("of US troops")],
            [StyledSpan("grew. ")],
            [StyledSpan("READ MORE", style: link, tag: 1), StyledSpan(" at")],
            [StyledSpan("the 中文")],
            [StyledSpan("site.")],
        ]
    }

    @Test func drawsVisibleLinesIntoARegion() {
        var grid = CellGrid(width: 16, height: 4)
        grid.write("|", x: 0, y: 0, style: .plain)
        TextPane(lines: story(), offset: 0).draw(in: Rect(x: 2, y: 1, width: 12, height: 3), on: &grid)
        expectLines(grid.lines, [
            "|               ",
            "  Calls for     ",
            "  withdrawal    ",
            "  of US troops  ",
        ])
    }

    @Test func scrollsAndClampsTheOffset() {
        var grid = CellGrid(width: 12, height: 3)
        let pane = TextPane(lines: story(), offset: 99)
        #expect(pane.clampedOffset(height: 3) == pane.lines.count - 3)
        pane.draw(in: grid.bounds, on: &grid)
        expectLines(grid.lines, [
            "READ MORE at",
            "the 中文    ",
            "site.       ",
        ])
        #expect(grid[0, 0].style == link)
    }

    @Test func clearsTheRegionAndClipsLongLines() {
        var grid = CellGrid(width: 6, height: 2)
        grid.write("xxxxxx", x: 0, y: 0, style: .plain)
        grid.write("xxxxxx", x: 0, y: 1, style: .plain)
        let pane = TextPane(lines: [[StyledSpan("abcdefgh")]])
        pane.draw(in: Rect(x: 1, y: 0, width: 4, height: 2), on: &grid, background: paper)
        expectLines(grid.lines, ["xabcdx", "x    x"])
        #expect(grid[2, 1].style == paper)
    }

    @Test func emptyRegionsDrawNothing() {
        var grid = CellGrid(width: 3, height: 1)
        TextPane(lines: story()).draw(in: Rect(width: 0, height: 0), on: &grid)
        TextPane(lines: story()).draw(in: Rect(x: 5, y: 5, width: 3, height: 3), on: &grid)
        expectLines(grid.lines, ["   "])
    }
}
