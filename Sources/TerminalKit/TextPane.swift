/// Draws pre-wrapped lines into a region of a grid, scrolled to an offset.
///
/// The reader pane wraps a story once per width with `TextWrapper` and keeps the lines;
/// each frame only draws the visible slice. (Which link is selected shows in the spans'
/// own styles, set when the story is laid out.)
public struct TextPane: Hashable, Sendable {
    public var lines: [[StyledSpan]]
    /// The first line shown; out-of-range values are clamped when drawing.
    public var offset: Int
    /// Lines never wrapped (preformatted text), which may run wider than the region.
    public var unwrapped: Set<Int>

    public init(lines: [[StyledSpan]], offset: Int = 0, unwrapped: Set<Int> = []) {
        self.lines = lines
        self.offset = offset
        self.unwrapped = unwrapped
    }

    /// The largest useful offset for a region `height` rows tall: the last line at the bottom.
    public func maxOffset(height: Int) -> Int {
        max(0, lines.count - max(0, height))
    }

    /// `offset` clamped to what a region `height` rows tall can show.
    public func clampedOffset(height: Int) -> Int {
        min(max(0, offset), maxOffset(height: height))
    }

    /// What marks a line cut at the pane's edge (a preformatted line, which is never wrapped).
    public static let cutMark = "›"

    /// Blanks `rect` in `background`, then draws the visible lines clipped to it. An
    /// unwrapped line may run on to `unwrappedWidth` columns from the region's left (the
    /// pane's edge, past the text's measure), and if it is wider still it ends in `cutMark`,
    /// so the cut shows. (Wrapped lines fit; one that does not is clipped.)
    public func draw(in rect: Rect, on grid: inout CellGrid, background: Style = .plain, unwrappedWidth: Int? = nil) {
        grid.fill(rect, style: background)
        let start = clampedOffset(height: rect.height)
        for row in 0..<rect.height {
            let index = start + row
            guard index < lines.count else { break }
            let line = lines[index]
            let isUnwrapped = unwrapped.contains(index)
            let width = isUnwrapped ? max(rect.width, unwrappedWidth ?? rect.width) : rect.width
            if isUnwrapped, width > 1, Self.width(of: line, over: width) {
                grid.write(line, x: rect.x, y: rect.y + row, maxWidth: width - 1)
                let style = line.last?.style ?? background
                grid.write(Self.cutMark, x: rect.x + width - 1, y: rect.y + row, style: style)
            } else {
                grid.write(line, x: rect.x, y: rect.y + row, maxWidth: width)
            }
        }
    }

    /// Whether the spans are wider than `limit` cells. Measures a span's head first: a
    /// preformatted line may be a whole minified file, measured on every frame.
    private static func width(of line: [StyledSpan], over limit: Int) -> Bool {
        var total = 0
        for span in line {
            let head = span.text.utf8.count > 4 * limit + 16 ? span.text.prefix(limit + 1) : Substring(span.text)
            total += DisplayWidth.of(head)
            if total > limit { return true }
            if head.endIndex < span.text.endIndex { total += DisplayWidth.of(span.text[head.endIndex...]) }
            if total > limit { return true }
        }
        return false
    }
}
