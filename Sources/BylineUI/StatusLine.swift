import TerminalKit

/// The bottom line: the filter prompt, a message, or the key map's hints; the reading
/// position and feed progress on the right.
enum StatusLine {
    static func draw(_ state: AppState, _ rect: Rect, _ grid: inout CellGrid) {
        let theme = state.theme
        grid.fill(rect, style: theme[.status])
        var right: [String] = []
        if let refresh = state.refresh {
            if let stage = refresh.sync {
                right.append(stage.words)
            } else {
                right.append(refresh.total > 0 ? "Fetching \(refresh.done)/\(refresh.total)" : "Fetching…")
            }
        }
        // The sources view covers the reader: its reading position would mean nothing there.
        if let position = state.readingPosition, state.readerIsVisible, state.sources == nil { right.append(position) }
        let rightText = right.isEmpty ? "" : right.joined(separator: "  ") + " "
        let rightWidth = DisplayWidth.of(rightText)
        let room = max(0, rect.width - rightWidth - (rightWidth > 0 ? 1 : 0))

        if let filter = state.filter, filter.isEditing {
            let prompt = " /" + filter.query
            let shown = DisplayWidth.of(prompt) + 1 > room
                ? "…" + String(prompt.suffix(max(1, room - 2))) : prompt
            let used = grid.write(shown, x: rect.x, y: rect.y, style: theme[.filterPrompt].merged(over: theme[.status]), maxWidth: room)
            grid.write("▏", x: rect.x + used, y: rect.y, style: theme[.status], maxWidth: max(0, room - used))
        } else if let message = state.message {
            drawMessage(message, room: room, rect, theme, &grid)
        } else {
            var x = rect.x
            for hint in state.keyMap.hints(for: state.sources != nil ? .sources : state.focus) {
                let keyWidth = DisplayWidth.of(" " + hint.keys)
                let wordsWidth = DisplayWidth.of(" " + hint.words + " ")
                guard x + keyWidth + wordsWidth <= rect.x + room else { break }
                x += grid.write(" " + hint.keys, x: x, y: rect.y, style: theme[.statusKey])
                x += grid.write(" " + hint.words + " ", x: x, y: rect.y, style: theme[.status])
            }
        }
        if rightWidth > 0, rightWidth <= rect.width {
            grid.write(rightText, x: rect.x + rect.width - rightWidth, y: rect.y, style: theme[.status])
        }
    }

    /// The most rows a long message takes, growing up over the content above the status
    /// line: a reason or a file name cut off mid-word helps nobody.
    static let messageRows = 3

    private static func drawMessage(_ message: StatusMessage, room: Int, _ rect: Rect, _ theme: Theme, _ grid: inout CellGrid) {
        let style = message.isError ? theme[.error] : theme[.message]
        var lines = TextWrapper.wrap(message.text, width: max(1, room - 2))
        let rows = min(lines.count, messageRows, rect.y + 1)
        if lines.count > rows, rows > 0 {
            lines[rows - 1] = TextWrapper.truncate(lines[rows - 1] + " …", width: max(1, room - 2))
        }
        for (index, line) in lines.prefix(rows).enumerated() {
            let y = rect.y - (rows - 1) + index
            let row = Rect(x: rect.x, y: y, width: y == rect.y ? room : rect.width, height: 1)
            grid.fill(row, style: style)
            grid.write(" " + line, x: rect.x, y: y, style: style, maxWidth: row.width)
        }
    }
}

extension Style {
    /// This style's attributes and colours, with `base`'s colours where this one has none.
    func merged(over base: Style) -> Style {
        var style = self
        if style.foreground == .default { style.foreground = base.foreground }
        if style.background == .default { style.background = base.background }
        style.attributes.formUnion(base.attributes)
        return style
    }
}
