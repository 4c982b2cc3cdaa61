import BylineConfig
import TerminalKit

/// The help screen's text, made from the key map in use, so a key rebound in config.toml
/// shows as it is: each group of actions, its keys, and what it does.
enum HelpText {
    static let groups: [(commands: [Command], meaning: String)] = [
        ([.moveUp, .moveDown], "move through the list, or scroll the story"),
        ([.open], "read the selected story; follow the selected link"),
        ([.back], "back: to the previous story, then to the list"),
        ([.pageUp, .pageDown, .scrollPage], "scroll a page (Space pages the story)"),
        ([.top, .bottom], "to the top or the end"),
        ([.nextLink, .previousLink], "step through the story's links"),
        ((1...9).map { .followLink($0) }, "follow link N; past 9 type the digits (1 2 is link 12)"),
        ([.nextUnread, .previousUnread], "next or previous unread story (on into the next source)"),
        ([.markAllRead, .undo], "mark the list read; undo that, or a delete"),
        ([.toggleHideRead], "hide or show read stories"),
        ([.showSources, .sortSources], "sources: feeds and folders with their counts; sort them"),
        ([.startFilter], "filter headlines by words (Esc clears)"),
        ([.toggleRead, .toggleStar], "toggle read, toggle star"),
        ([.deleteStory], "delete a story Byline saved; your own files are only hidden"),
        ([.openInBrowser], "open the selected link, or the story, in the browser"),
        ([.toggleFullScreen], "read full screen, or with the list beside"),
        ([.narrowerList, .widerList], "a narrower or wider list beside the story (remembered)"),
        ([.refreshFeeds], "fetch feeds in the background"),
        ([.fetchFullStory], "fetch the full story from its web page"),
        ([.nextTheme], "next theme (remembered)"),
        ([.help], "this help"),
        ([.quit], "quit"),
    ]

    /// The lines for a screen `width` wide: keys in a column, meanings wrapped beside them.
    static func lines(_ state: AppState, width: Int) -> [[StyledSpan]] {
        let theme = state.theme
        var rows: [(keys: String, meaning: String)] = []
        for group in groups {
            let keys = group.commands.map { command in
                state.keyMap.keys(for: command).map(shown).joined(separator: " ")
            }.filter { !$0.isEmpty }
            let written = group.commands.count == 9 && keys.count == 9 && keys.first == "1" && keys.last == "9"
                ? "1 … 9" : keys.joined(separator: "  ")
            rows.append((written.isEmpty ? "(no key)" : written, group.meaning))
        }
        let text = max(1, width - 2)
        let keyWidth = min(rows.map { DisplayWidth.of($0.keys) }.max() ?? 0, max(4, text / 3))
        var out: [[StyledSpan]] = [[StyledSpan("Byline keys", style: theme[.helpTitle])], []]
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
        if !state.problems.isEmpty {
            out.append([])
            out += TextWrapper.wrap("Story files that could not be read (left untouched)", width: text)
                .map { [StyledSpan($0, style: theme[.helpTitle])] }
            for problem in state.problems {
                out += TextWrapper.wrap(problem, width: text).map { [StyledSpan($0, style: theme[.error])] }
            }
        }
        return out
    }

    /// A key as help shows it: arrows and symbols where the terminal has them.
    static func shown(_ key: Key) -> String {
        switch key {
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .enter: "⏎"
        case .escape: "Esc"
        case .backspace: "⌫"
        case .tab: "⇥"
        case .backTab: "⇧⇥"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case .character(" "): "Space"
        case .ctrl(let letter): "^" + letter.uppercased()
        default: KeyName.name(of: key)
        }
    }
}
