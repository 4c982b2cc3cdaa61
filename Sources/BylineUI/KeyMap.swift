import TerminalKit

/// Key bindings as data: which keys give which command, with each command's help.
///
/// `update` asks it what a key means; the `?` screen and the status line's hints are
/// made from it. A later config file rebinds keys by the commands' names.
public struct KeyMap: Equatable, Sendable {
    /// In the order the help screen lists them.
    public private(set) var bindings: [KeyBinding]
    /// The commands the status line hints at, in order, on the list and in the reader.
    public var footer: [Focus: [Command]]
    private var commands: [Key: Command] = [:]

    /// A key bound twice means what its first binding says.
    public init(_ bindings: [KeyBinding], footer: [Focus: [Command]]) {
        self.bindings = bindings
        self.footer = footer
        for binding in bindings {
            for key in binding.keys where commands[key] == nil { commands[key] = binding.command }
        }
    }

    public func command(for key: Key) -> Command? {
        commands[key]
    }

    public func binding(for command: Command) -> KeyBinding? {
        bindings.first { $0.command == command }
    }

    /// The key to name when words elsewhere tell the reader what to press ("press ⏎ to
    /// read it"): the command's first key, so the words follow the bindings.
    public func keyName(for command: Command) -> String? {
        binding(for: command)?.keys.first?.symbol
    }

    /// The help screen's lines: keys, then what they do; bindings next to each other with
    /// the same help share a line.
    public var helpLines: [KeyHint] {
        var lines: [(keys: [[Key]], help: String)] = []
        for binding in bindings where !binding.keys.isEmpty {
            if let last = lines.last, last.help == binding.help {
                lines[lines.count - 1].keys.append(binding.keys)
            } else {
                lines.append(([binding.keys], binding.help))
            }
        }
        return lines.map { KeyHint(keys: Self.symbols($0.keys), words: $0.help) }
    }

    /// The status line's hints: each command's first key and its word there; commands
    /// next to each other with the same word share a hint ("↑↓ move").
    public func hints(for focus: Focus) -> [KeyHint] {
        var hints: [KeyHint] = []
        for command in footer[focus] ?? [] {
            guard let binding = binding(for: command), let key = binding.keys.first else { continue }
            let words = binding.hint(for: focus)
            if let last = hints.last, last.words == words {
                hints[hints.count - 1].keys += key.symbol
            } else {
                hints.append(KeyHint(keys: key.symbol, words: words))
            }
        }
        return hints
    }

    /// Keys of a line's bindings. Bindings of one key each read as one list ("PgUp PgDn
    /// Space", "1 … 9"); bindings of several keys stay apart, two spaces between, so the
    /// eye can tell ↑ k from ↓ j.
    private static func symbols(_ groups: [[Key]]) -> String {
        if groups.allSatisfy({ $0.count == 1 }) { return Key.symbols(groups.flatMap { $0 }) }
        return groups.map(Key.symbols).joined(separator: "  ")
    }
}

extension KeyMap {
    /// `n` and `N` read on through the sources' stories; in the sources view they go to the
    /// next source with news, as newsboat's feed list does.
    private static let nextUnreadHelp =
        "next or previous unread story, on across sources (in sources: the next or previous source with news)"

    public static let standard = KeyMap([
        KeyBinding(.moveUp, keys: [.up, .character("k")], help: "move through the list, or scroll the story",
                   hint: "move", inReader: "scroll"),
        KeyBinding(.moveDown, keys: [.down, .character("j")], help: "move through the list, or scroll the story",
                   hint: "move", inReader: "scroll"),
        KeyBinding(.open, keys: [.enter, .right, .character("l")], help: "read the selected story; follow the selected link",
                   hint: "read", inReader: "follow", inSources: "open"),
        KeyBinding(.back, keys: [.left, .escape, .backspace, .character("h")],
                   help: "back: to the previous story, then to the list", hint: "back"),
        KeyBinding(.pageUp, keys: [.pageUp], help: "scroll a page (Space pages the story)"),
        KeyBinding(.pageDown, keys: [.pageDown], help: "scroll a page (Space pages the story)"),
        KeyBinding(.scrollPage, keys: [.character(" ")], help: "scroll a page (Space pages the story)"),
        KeyBinding(.top, keys: [.home, .character("g")], help: "to the top or the end"),
        KeyBinding(.bottom, keys: [.end, .character("G")], help: "to the top or the end"),
        KeyBinding(.nextLink, keys: [.tab], help: "step through the story's links", hint: "links"),
        KeyBinding(.previousLink, keys: [.backTab], help: "step through the story's links"),
    ] + (1...9).map { number in
        KeyBinding(.followLink(number), keys: [.character(Character(String(number)))],
                   help: "follow link N (past 9, type its digits)")
    } + [
        KeyBinding(.startFilter, keys: [.character("/")], help: "search headlines, sources and text (Esc clears)", hint: "search"),
        KeyBinding(.nextUnread, keys: [.character("n")], help: nextUnreadHelp,
                   hint: "unread", inSources: "next unread"),
        KeyBinding(.previousUnread, keys: [.character("N")], help: nextUnreadHelp),
        KeyBinding(.markAllRead, keys: [.character("A")], help: "mark the list read (in sources: the selected source)",
                   inSources: "mark read"),
        KeyBinding(.undo, keys: [.character("U")], help: "undo the last mark-all-read or delete"),
        KeyBinding(.toggleHideRead, keys: [.character("H")], help: "hide or show read stories"),
        KeyBinding(.showSources, keys: [.character("S")], help: "sources: feeds and folders with their counts",
                   hint: "sources"),
        KeyBinding(.sortSources, keys: [.character("O")], help: "sort sources newest first or by title", inSources: "sort"),
        KeyBinding(.toggleRead, keys: [.character("u")], help: "mark read or unread"),
        KeyBinding(.toggleStar, keys: [.character("s")], help: "star or unstar"),
        KeyBinding(.deleteStory, keys: [.character("d")], help: "delete a story Byline saved; your own files are only hidden"),
        KeyBinding(.openInBrowser, keys: [.character("o")], help: "open the selected link, or the story, in the browser"),
        KeyBinding(.toggleFullScreen, keys: [.character("z")], help: "read full screen, or with the list beside"),
        KeyBinding(.narrowerList, keys: [.character("<")], help: "a narrower or wider list beside the story (remembered)"),
        KeyBinding(.widerList, keys: [.character(">")], help: "a narrower or wider list beside the story (remembered)"),
        KeyBinding(.refreshFeeds, keys: [.character("R")], help: "fetch feeds in the background"),
        KeyBinding(.fetchFullStory, keys: [.character("f")], help: "fetch the full story from its web page"),
        KeyBinding(.nextTheme, keys: [.character("t")], help: "next theme (remembered)"),
        KeyBinding(.help, keys: [.character("?")], help: "this help", hint: "help"),
        KeyBinding(.redraw, keys: [.ctrl("l")], help: "draw the screen again"),
        // No Ctrl-C binding: the terminal turns it into SIGINT, which also quits cleanly.
        KeyBinding(.quit, keys: [.character("q")], help: "quit", hint: "quit"),
    ], footer: [
        .list: [.moveUp, .moveDown, .open, .nextUnread, .showSources, .startFilter, .help, .quit],
        .reader: [.back, .moveUp, .moveDown, .nextUnread, .nextLink, .open, .help, .quit],
        .sources: [.moveUp, .moveDown, .open, .nextUnread, .markAllRead, .startFilter, .back, .quit],
    ])
}
