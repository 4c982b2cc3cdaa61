/// Draws pre-wrapped lines into a region of a grid, scrolled to an offset.
///
/// The reader pane wraps a story once per width with `TextWrapper` and keeps the lines;
/// each frame only draws the visible slice. A span whose tag equals `highlightedTag` (the
/// link the reader has stepped to with Tab) is drawn reversed.
public struct TextPane: Hashable, Sendable {
    public var lines: [[StyledSpan]]
    /// The first line shown; out-of-range values are clamped when drawing.
    public var offset: Int
    public var highlightedTag: Int?

    public init(lines: [[StyledSpan]], offset: Int = 0, highlightedTag: Int? = nil) {
        self.lines = lines
        self.offset = offset
        self.highlightedTag = highlightedTag
    }

    /// The largest useful offset for a region `height` rows tall: the last line at the bottom.
    public func maxOffset(height: Int) -> Int {
        max(0, lines.count - max(0, height))
    }

    /// `offset` clamped to what a region `height` rows tall can show.
    public func clampedOffset(height: Int) -> Int {
        min(max(0, offset), maxOffset(height: height))
    }

    /// How far through the text the bottom of the region is, 0-100 (100 when all fits).
    public func percentShown(height: Int) -> Int {
        guard lines.count > max(0, height) else { return 100 }
        let bottom = clampedOffset(height: height) + height
        return bottom * 100 / lines.count
    }

    /// The first line index whose spans carry `tag`, for scrolling a link into view.
    public func firstLine(withTag tag: Int) -> Int? {
        lines.firstIndex { line in line.contains { $0.tag == tag } }
    }

    /// Blanks `rect` in `background`, then draws the visible lines clipped to it.
    public func draw(in rect: Rect, on grid: inout CellGrid, background: Style = .plain) {
        grid.fill(rect, style: background)
        let start = clampedOffset(height: rect.height)
        for row in 0..<rect.height {
            let index = start + row
            guard index < lines.count else { break }
            let spans = lines[index].map { span in
                guard let tag = highlightedTag, span.tag == tag else { return span }
                return StyledSpan(text: span.text, style: span.style.adding(.reverse), tag: span.tag)
            }
            grid.write(spans, x: rect.x, y: rect.y + row, maxWidth: rect.width)
        }
    }
}
