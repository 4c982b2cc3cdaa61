import TerminalKit

/// Draws the sources view over the list and reader: one row per source, its name, then
/// its unread and total counts and the day of its newest story, right-aligned.
enum SourcesScreen {
    static func draw(_ state: AppState, _ view: SourcesView, _ grid: inout CellGrid) {
        let theme = state.theme
        let top = grid.height >= 3 ? 1 : 0
        let area = Rect(x: 0, y: top, width: grid.width, height: max(0, grid.height - top - (grid.height >= 2 ? 1 : 0)))
        grid.fill(area, style: theme[.listRow])
        let rows = state.sourceRows
        for line in 0..<area.height {
            let index = view.list.offset + line
            guard index < rows.count else { break }
            let row = rows[index]
            let y = area.y + line
            let selected = index == view.list.selected
            let base = selected ? theme[.selectedRow] : (row.unread > 0 ? theme[.unreadRow] : theme[.listRow])
            if selected { grid.fill(Rect(x: 0, y: y, width: area.width, height: 1), style: base) }
            let marker = row.unread > 0 ? "● " : "  "
            let day = row.newest.map { ListDates.short($0, now: state.now, calendar: state.calendar) } ?? ""
            let counts = "\(row.unread) unread · \(row.total) \(row.total == 1 ? "story" : "stories")"
            let right = (day.isEmpty ? counts : "\(counts)  \(day)") + " "
            let rightWidth = DisplayWidth.of(right)
            let nameRoom = area.width - rightWidth - 4
            grid.write(" " + marker, x: 0, y: y, style: selected ? base : theme[.unreadMarker], maxWidth: area.width)
            if nameRoom >= 6 {
                // A source filed in a folder sits indented under it.
                let filed = if case .source(let name) = row.scope, state.sourceFolders[name] != nil { true } else { false }
                let name = (filed ? "  " : "") + row.scope.title
                grid.write(TextWrapper.truncate(name, width: nameRoom), x: 3, y: y, style: base, maxWidth: nameRoom)
                grid.write(right, x: area.width - rightWidth, y: y, style: selected ? base : theme[.meta], maxWidth: rightWidth)
            } else {
                grid.write(TextWrapper.truncate(row.scope.title, width: max(0, area.width - 3)), x: 3, y: y, style: base,
                           maxWidth: max(0, area.width - 3))
            }
        }
    }
}
