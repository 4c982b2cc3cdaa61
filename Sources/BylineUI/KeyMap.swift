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
            .character("n"): .nextUnread, .character("N"): .previousUnread,
            .character("A"): .markAllRead, .character("U"): .undo, .character("H"): .toggleHideRead,
            .character("S"): .showSources, .character("O"): .sortSources,
            .character("z"): .toggleFullScreen, .character("<"): .narrowerList, .character(">"): .widerList,
            .character("d"): .deleteStory,
        ]
        for n in 1...9 { shared[.character(Character(String(n)))] = .followLink(n) }
        return KeyMap(shared: shared, list: [:], reader: [:])
    }()
}
