import TerminalKit

/// Clicks and the mouse wheel: the list selects, the reader scrolls and follows links.
extension AppState {
    mutating func mouse(_ key: Key) -> [Effect] {
        let layout = self.layout
        switch key {
        case .wheel(let x, let y, let lines):
            if let list = layout.list, list.contains(x: x, y: y) {
                return moveList { $0.scroll(by: lines) }
            }
            if let reader = layout.reader, reader.contains(x: x, y: y) {
                return scrollReader(by: lines)
            }
            return []
        case .click(let x, let y):
            if let list = layout.list, list.contains(x: x, y: y) {
                let row = list.offset(y: y, from: self.list.offset)
                guard row < visible.count else { return [] }
                if row == self.list.selected, focus == .list || layout.arrangement != .single {
                    return open(stories.id(at: visible[row]), pushingHistory: false)
                }
                focus = .list
                let delta = row - self.list.selected
                return moveSelection(by: delta)
            }
            if let text = layout.readerText, text.contains(x: x, y: y), let reader, let page = readerPage {
                focus = .reader
                let index = reader.scroll + (y - text.y)
                guard index < page.lines.count else { return [] }
                var column = text.x
                for span in page.lines[index] {
                    let width = DisplayWidth.of(span.text)
                    if x >= column && x < column + width, let number = span.tag {
                        return followLink(number)
                    }
                    column += width
                }
            }
            return []
        default:
            return []
        }
    }
}

extension Rect {
    /// The list row shown at screen row `py`, when the list starts at row `first`.
    func offset(y py: Int, from first: Int) -> Int { first + (py - y) }
}
