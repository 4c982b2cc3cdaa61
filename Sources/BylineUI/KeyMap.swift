import TerminalKit
/// Key bindings as data: which key means which command, per screen context.
///
/// Keeping the bindings in one table lets help list them and lets them be remapped later
/// without touching `update`.
public struct KeyMap: Equatable, Sendable {
    public enum Context: Hashable, Sendable { case list, reader }

    public var shared: [Key: Command]
    public var list: [Key: Command]
    public var reader: [Key: Command]

    public func command(for key: Key, in context: Context) -> Command? {
        (context == .list ? list[key] : reader[key]) ?? shared[key]
    }

    public static let standard: KeyMap = {
        var shared: [Key: Command] = [
            .up: .moveUp, .character("k"): .moveUp,
            .down: .moveDown, .character("j"): .moveDown,
            .pageUp: .pageUp, .pageDown: .pageDown, .character(" "): .scrollPage,
            .home: .top, .end: .bottom, .character("g"): .top, .character("G"): .bottom,
            .enter: .open, .right: .open, .character("l"): .open,
            .left: .back, .escape: .back, .backspace: .back, .character("h"): .back,
            .tab: .nextLink, .backTab: .previousLink,
            .character("/"): .startFilter,
            .character("u"): .toggleRead, .character("s"): .toggleStar,
            .character("o"): .openInBrowser,
            .character("R"): .refreshFeeds,
            .character("f"): .fetchFullStory,
            .character("t"): .nextTheme,
            .character("?"): .help,
            .ctrl("l"): .redraw,
            // No Ctrl-C binding: the terminal turns it into SIGINT, which also quits cleanly.
            .character("q"): .quit,
        ]
        for n in 1...9 { shared[.character(Character(String(n)))] = .followLink(n) }
        return KeyMap(shared: shared, list: [:], reader: [:])
    }()

    /// One line per binding group, for the help screen: keys, then what they do.
    public static let helpLines: [(keys: String, meaning: String)] = [
        ("↑ ↓  j k", "move through the list, or scroll the story"),
        ("⏎  →", "read the selected story; follow the selected link"),
        ("←  Esc  ⌫", "back: to the previous story, then to the list"),
        ("PgUp PgDn Space", "scroll a page (Space pages the story)"),
        ("Home End  g G", "to the top or the end"),
        ("⇥  ⇧⇥", "step through the story's links"),
        ("1 … 9", "follow link N"),
        ("/", "filter headlines by words (Esc clears)"),
        ("u  s", "toggle read, toggle star"),
        ("o", "open the story's web page in the browser"),
        ("R", "fetch feeds in the background"),
        ("f", "fetch the full story from its web page"),
        ("t", "next theme"),
        ("?", "this help"),
        ("q", "quit"),
    ]
}
