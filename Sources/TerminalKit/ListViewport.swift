/// Cursor and scroll arithmetic for a list shown `height` rows at a time.
///
/// Pure values in, values out: the list view keeps one of these as state, feeds it keys,
/// and draws rows `visibleRange`. Whatever the inputs (an empty list, a zero height, an
/// out-of-range selection after the list shrank), the selection lies in `0..<count` (0 when
/// the list is empty) and stays on screen, and the offset never scrolls past the end.
public struct ListViewport: Hashable, Sendable {
    public private(set) var count: Int
    public private(set) var height: Int
    /// The selected row; 0 when the list is empty.
    public private(set) var selected: Int
    /// The first row on screen.
    public private(set) var offset: Int

    public init(count: Int, height: Int, selected: Int = 0, offset: Int = 0) {
        self.count = max(0, count)
        self.height = max(0, height)
        self.selected = 0
        self.offset = offset
        select(selected)
    }

    /// The rows on screen.
    public var visibleRange: Range<Int> { offset..<min(count, offset + height) }

    /// Whether there is nothing to select.
    public var isEmpty: Bool { count == 0 }

    /// The offset that keeps `selected` on screen, moving as little as possible from
    /// `offset`, and never leaving empty rows below the end of a long enough list.
    public static func offset(count: Int, height: Int, selected: Int, offset: Int) -> Int {
        guard count > 0, height > 0 else { return 0 }
        let selected = min(max(0, selected), count - 1)
        var result = min(max(0, offset), max(0, count - height))
        if selected < result { result = selected }
        if selected >= result + height { result = selected - height + 1 }
        return result
    }

    // MARK: - Moving

    /// Selects `row` (clamped to the list) and scrolls just enough to show it.
    public mutating func select(_ row: Int) {
        selected = count == 0 ? 0 : min(max(0, row), count - 1)
        offset = Self.offset(count: count, height: height, selected: selected, offset: offset)
    }

    public mutating func moveUp() { select(selected - 1) }
    public mutating func moveDown() { select(selected + 1) }
    public mutating func home() { select(0) }
    public mutating func end() { select(count - 1) }

    /// Moves a screenful down: the view scrolls by a page and the selection with it, so
    /// the selected row keeps its place on screen until the end of the list.
    public mutating func pageDown() { page(by: max(1, height)) }

    /// Moves a screenful up, the mirror of `pageDown`.
    public mutating func pageUp() { page(by: -max(1, height)) }

    /// Scrolls the view by `rows` (mouse wheel) and drags the selection along only as far
    /// as needed to keep it on screen.
    public mutating func scroll(by rows: Int) {
        guard count > 0, height > 0 else { return }
        offset = min(max(0, offset + rows), max(0, count - height))
        selected = min(max(selected, offset), offset + height - 1, count - 1)
    }

    /// Adapts to a list that grew or shrank, or a window that was resized.
    public mutating func resize(count newCount: Int, height newHeight: Int) {
        count = max(0, newCount)
        height = max(0, newHeight)
        select(selected)
    }

    private mutating func page(by rows: Int) {
        let target = selected + rows
        offset += rows
        select(target)
    }
}
