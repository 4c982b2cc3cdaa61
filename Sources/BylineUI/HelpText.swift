import BylineConfig
import TerminalKit

/// The help screen's text, made from the key map in use (`KeyMap.helpLines`), so a key
/// rebound in config.toml shows as it is, laid out for the screen's width.
enum HelpText {
    /// The lines for a screen `width` wide: keys in a column, meanings wrapped beside them.
    static func lines(_ state: AppState, width: Int) -> [[StyledSpan]] {
        let theme = state.theme
        let rows = state.keyMap.helpLines.map { (keys: $0.keys, meaning: $0.words) }
        let text = max(1, width - 2)
        let keyWidth = min(rows.map { DisplayWidth.of($0.keys) }.max() ?? 0, max(4, text / 3))
        var out: [[StyledSpan]] = []
        // Files that could not be read come first: the opening message sends the reader
        // here to see them, and the keys are the same every time.
        if !state.problems.isEmpty {
            out += TextWrapper.wrap("Story files that could not be read (left untouched)", width: text)
                .map { [StyledSpan($0, style: theme[.helpTitle])] }
            for problem in state.problems {
                out += TextWrapper.wrap(problem, width: text).map { [StyledSpan($0, style: theme[.error])] }
            }
            out.append([])
        }
        out += [[StyledSpan("Byline keys", style: theme[.helpTitle])], []]
        for row in rows {
            let meaningWidth = text - keyWidth - 2
            if meaningWidth >= 10 {
                let keyLines = TextWrapper.wrap(row.keys, width: keyWidth)
                let meaningLines = TextWrapper.wrap(row.meaning, width: meaningWidth)
                for index in 0..<max(keyLines.count, meaningLines.count) {
                    let key = index < keyLines.count ? keyLines[index] : ""
                    let meaning = index < meaningLines.count ? meaningLines[index] : ""
                    out.append([StyledSpan(TextWrapper.pad(key, width: keyWidth) + "  ", style: theme[.helpKey]),
                                StyledSpan(meaning, style: theme[.helpText])])
                }
            } else {
                // Too narrow for two columns: the keys, then the meaning under them.
                out += TextWrapper.wrap(row.keys, width: text).map { [StyledSpan($0, style: theme[.helpKey])] }
                out += TextWrapper.wrap(row.meaning, width: text).map { [StyledSpan("  " + $0, style: theme[.helpText])] }
            }
        }
        return out
    }
}
