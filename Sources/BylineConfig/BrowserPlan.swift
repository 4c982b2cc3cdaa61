import Foundation

/// Which commands `o` tries for a web address, in order, and whether each draws in the
/// terminal: decided from `[browser]`, `$BROWSER` and the session, without running anything.
public struct BrowserPlan: Equatable, Sendable {
    public struct Command: Equatable, Sendable {
        /// The program and its arguments, the address in place of `%s` or last.
        public var words: [String]
        /// A terminal browser (lynx, w3m, a pager): it needs the terminal in the foreground.
        public var inTerminal: Bool

        public init(words: [String], inTerminal: Bool) {
            self.words = words
            self.inTerminal = inTerminal
        }
    }

    public var commands: [Command]

    /// Programs that draw in the terminal, by the name they are run with.
    public static let terminalPrograms: Set<String> = [
        "lynx", "w3m", "links", "links2", "elinks", "browsh", "carbonyl", "less", "more", "most",
        "www-browser", "bat", "vim", "vi", "nvim", "nano", "emacs", "mg",
    ]

    /// The commands to try, or the one-line reason there is none to try.
    public static func make(url: String, settings: BrowserSettings,
                            environment: [String: String]) -> Result<BrowserPlan, BrowserRefusal> {
        var commands: [Command] = []
        if let configured = settings.command {
            commands.append(command(configured, url: url, terminal: settings.terminal))
        } else {
            // $BROWSER may list several commands separated by colons, each with an optional %s.
            for entry in (environment["BROWSER"] ?? "").split(separator: ":") where !entry.isEmpty {
                commands.append(command(String(entry), url: url, terminal: nil))
            }
            commands.append(Command(words: ["xdg-open", url], inTerminal: false))
        }
        commands.removeAll { $0.words.isEmpty }
        let graphical = !(environment["DISPLAY"] ?? "").isEmpty || !(environment["WAYLAND_DISPLAY"] ?? "").isEmpty
        let overSSH = !(environment["SSH_CONNECTION"] ?? "").isEmpty || !(environment["SSH_TTY"] ?? "").isEmpty
        if overSSH && !graphical {
            // A graphical browser would open, if at all, on a screen the reader cannot see.
            commands.removeAll { !$0.inTerminal }
            if commands.isEmpty { return .failure(.noGraphicalSession) }
        }
        return .success(BrowserPlan(commands: commands))
    }

    private static func command(_ text: String, url: String, terminal: Bool?) -> Command {
        let words = text.split(separator: " ").map(String.init)
        let filled = words.contains { $0.contains("%s") }
            ? words.map { $0.replacingOccurrences(of: "%s", with: url) } : words + [url]
        let program = words.first.map { $0.split(separator: "/").last.map(String.init) ?? $0 } ?? ""
        return Command(words: filled, inTerminal: terminal ?? terminalPrograms.contains(program))
    }
}

/// Why `o` opens nothing, in the reader's status line.
public enum BrowserRefusal: Error, Equatable, Sendable, CustomStringConvertible {
    case noGraphicalSession

    public var description: String {
        switch self {
        case .noGraphicalSession:
            "Over SSH with no graphical session: set a terminal browser ([browser] command = \"w3m %s\" in config.toml, or $BROWSER=lynx)"
        }
    }
}
