import TerminalKit

/// Keys bound to one command, with the command's help: the key map is a list of these,
/// and the `?` screen and the status line's hints are made from it, so they always say
/// what the keys really do.
public struct KeyBinding: Equatable, Sendable {
    public var command: Command
    public var keys: [Key]
    /// The `?` screen's line. Bindings next to each other with the same line share it
    /// (↑ and ↓ both "move through the list, or scroll the story").
    public var help: String
    /// The status line's word for it among the hints ("move"), and in the reader when it
    /// does something else there ("scroll"); nil where the same word fits both.
    public var hint: String
    public var hintInReader: String?
    /// Its word in the sources view, where it does something else there ("⏎ open").
    public var hintInSources: String?

    public init(_ command: Command, keys: [Key], help: String, hint: String = "", inReader: String? = nil,
                inSources: String? = nil) {
        self.command = command
        self.keys = keys
        self.help = help
        self.hint = hint
        self.hintInReader = inReader
        self.hintInSources = inSources
    }

    /// The action's stable name, for a config file (see `Command.name`).
    public var name: String { command.name }

    public func hint(for focus: Focus) -> String {
        switch focus {
        case .list: hint
        case .reader: hintInReader ?? hint
        case .sources: hintInSources ?? hint
        }
    }
}

/// A key or keys and what they do, as the help screen and the status line show them.
public struct KeyHint: Equatable, Sendable {
    public var keys: String
    public var words: String
    public init(keys: String, words: String) {
        self.keys = keys
        self.words = words
    }
}
