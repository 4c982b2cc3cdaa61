/// A rectangle of styled cells that widgets draw into and a backend copies to the screen.
///
/// Text enters only through `write`, which sanitises it with `VisibleText.sanitize`, so no
/// control character or escape sequence can reach the terminal. Writes are clipped to the
/// grid and never crash, whatever the coordinates; zero-size grids are allowed.
public struct CellGrid: Hashable, Sendable {
    public let width: Int
    public let height: Int
    /// The cells row by row: the cell at (x, y) is `cells[y * width + x]`.
    public private(set) var cells: [Cell]

    /// A grid of blank cells in `style`; negative sizes count as zero.
    public init(width: Int, height: Int, style: Style = .plain) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank(style), count: self.width * self.height)
    }

    /// The whole grid as a rectangle.
    public var bounds: Rect { Rect(width: width, height: height) }

    /// The cell at (x, y); reading outside the grid gives a blank plain cell, and writing
    /// there is ignored. Setting a cell directly bypasses sanitising and wide-character
    /// bookkeeping; prefer `write`.
    public subscript(x: Int, y: Int) -> Cell {
        get { bounds.contains(x: x, y: y) ? cells[y * width + x] : .blank() }
        set { if bounds.contains(x: x, y: y) { cells[y * width + x] = newValue } }
    }

    /// Each row as text. Continuations add nothing, so a row's string is as wide as the grid
    /// in cells; trailing spaces are kept, so every line is exactly `width` cells wide.
    public var lines: [String] {
        (0..<height).map { y in
            var line = ""
            for cell in cells[(y * width)..<(y * width + width)] { line += cell.symbol }
            return line
        }
    }

    // MARK: - Drawing

    /// Writes `text` on row `y` from column `x`, in `style`, and returns the columns used.
    ///
    /// Drawing stops at the grid's right edge or after `maxWidth` columns, whichever comes
    /// first; a wide character that would straddle that limit becomes a space. Columns left
    /// of the grid are counted but not drawn; a row outside the grid draws nothing but still
    /// reports the columns the text would use, so callers can advance `x` consistently.
    /// Line breaks and tabs in `text` become spaces; zero-width characters are dropped.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, style: Style, maxWidth: Int? = nil) -> Int {
        let limit = maxWidth.map { x + max(0, $0) } ?? width
        let end = min(limit, width)
        let rowVisible = y >= 0 && y < height
        var column = x
        for character in VisibleText.sanitize(text) {
            let cellWidth = DisplayWidth.of(character)
            if cellWidth == 0 { continue }
            if column + cellWidth > end {
                // Half a wide character would be drawn: show blanks in the cells it would
                // have had up to the limit instead.
                if rowVisible { blank(from: column, to: end, y: y, style: style) }
                column = max(column, end)
                break
            }
            if rowVisible {
                if column >= 0 {
                    put(String(character), width: cellWidth, x: column, y: y, style: style)
                } else {
                    blank(from: 0, to: column + cellWidth, y: y, style: style)
                }
            }
            column += cellWidth
        }
        return column - x
    }

    /// Writes styled spans one after another on row `y`; returns the columns used.
    @discardableResult
    public mutating func write(_ spans: [StyledSpan], x: Int, y: Int, maxWidth: Int? = nil) -> Int {
        let limit = maxWidth.map { x + max(0, $0) } ?? width
        var column = x
        for span in spans where column < limit {
            column += write(span.text, x: column, y: y, style: span.style, maxWidth: limit - column)
        }
        return column - x
    }

    /// Blanks every cell of `rect` (clipped to the grid) in `style`.
    public mutating func fill(_ rect: Rect, style: Style) {
        let area = rect.intersection(bounds)
        for y in area.y..<area.maxY {
            blank(from: area.x, to: area.maxX, y: y, style: style)
        }
    }

    /// Blanks the in-bounds cells of row `y` from column `start` up to `end`.
    private mutating func blank(from start: Int, to end: Int, y: Int, style: Style) {
        for x in max(0, start)..<max(max(0, start), min(end, width)) {
            put(" ", width: 1, x: x, y: y, style: style)
        }
    }

    /// Places a symbol `width` cells wide at an in-bounds position, first blanking the other
    /// half of any wide character it overwrites so no half-character is left behind.
    private mutating func put(_ symbol: String, width cellWidth: Int, x: Int, y: Int, style: Style) {
        let row = y * width
        for column in x..<min(x + cellWidth, width) {
            if cells[row + column].isContinuation {
                // Walk back to the character this cell belongs to and blank it all.
                var left = column - 1
                while left >= 0 && cells[row + left].isContinuation {
                    cells[row + left].symbol = " "
                    left -= 1
                }
                if left >= 0 { cells[row + left].symbol = " " }
            }
            var right = column + 1
            while right < width && cells[row + right].isContinuation {
                cells[row + right].symbol = " "
                right += 1
            }
        }
        cells[row + x] = Cell(symbol: symbol, style: style)
        for column in (x + 1)..<max(x + 1, min(x + cellWidth, width)) {
            cells[row + column] = Cell(symbol: "", style: style)
        }
    }
}
