import TerminalKit

/// The `?` screen: every key and what it does, and any story files that could not be read.
enum HelpScreen {
    static func draw(_ state: AppState, _ grid: inout CellGrid) {
        let theme = state.theme
        let area = Rect(x: 0, y: 0, width: grid.width, height: grid.height)
        grid.fill(area, style: theme[.helpText])
        var y = 0
        func line(_ spans: [(String, Style)]) {
            guard y < grid.height else { return }
            var x = 1
            for (text, style) in spans {
                x += grid.write(text, x: x, y: y, style: style, maxWidth: max(0, grid.width - x))
            }
            y += 1
        }
        line([("Byline keys", theme[.helpTitle])])
        y += 1
        let lines = state.keyMap.helpLines
        let keyWidth = lines.map { DisplayWidth.of($0.keys) }.max() ?? 0
        for hint in lines {
            line([(TextWrapper.pad(hint.keys, width: keyWidth) + "  ", theme[.helpKey]), (hint.words, theme[.helpText])])
        }
        if !state.problems.isEmpty {
            y += 1
            line([("Story files that could not be read (left untouched)", theme[.helpTitle])])
            for problem in state.problems { line([(problem, theme[.error])]) }
        }
        if grid.height > 0 {
            let close = " Any key closes this help "
            grid.write(TextWrapper.truncate(close, width: grid.width), x: 0, y: grid.height - 1, style: theme[.status])
        }
    }
}
