import TerminalKit

/// The `?` screen: every key and what it does, wrapped to the screen and scrolled with the
/// usual keys, and any story files that could not be read.
enum HelpScreen {
    static func draw(_ state: AppState, _ grid: inout CellGrid) {
        let theme = state.theme
        let area = Rect(x: 0, y: 0, width: grid.width, height: grid.height)
        // Every cell is painted, so nothing of the screen below shows through.
        grid.fill(area, style: theme[.helpText])
        let lines = HelpText.lines(state, width: grid.width)
        let room = max(0, grid.height - 1)
        let scroll = min(state.helpScroll, max(0, lines.count - room))
        for row in 0..<room {
            let index = scroll + row
            guard index < lines.count else { break }
            grid.write(lines[index], x: 1, y: row, maxWidth: max(0, grid.width - 1))
        }
        if grid.height > 0 {
            // Where help is comes first: on a narrow screen the end of the line is cut.
            let more = lines.count > room ? (scroll + room < lines.count ? " ↓ more ·" : " end ·") : ""
            let close = "\(more) q or Esc closes help "
            grid.fill(Rect(x: 0, y: grid.height - 1, width: grid.width, height: 1), style: theme[.status])
            grid.write(TextWrapper.truncate(close, width: grid.width), x: 0, y: grid.height - 1, style: theme[.status])
        }
    }

    /// The most help can scroll on this screen.
    static func maximumScroll(_ state: AppState) -> Int {
        max(0, HelpText.lines(state, width: state.screen.width).count - max(0, state.screen.height - 1))
    }
}
