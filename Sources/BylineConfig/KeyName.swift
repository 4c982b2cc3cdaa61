import TerminalKit

/// How a key is written in `config.toml` and shown back: `"j"`, `"J"`, `"?"`, `"space"`,
/// `"enter"`, `"esc"`, `"pgdn"`, `"ctrl-d"`.
///
/// Single characters stand for themselves (case matters: `J` is Shift-J); names are read
/// without regard to case, with the spellings people reach for (`escape`, `page-down`, `C-d`).
public enum KeyName {
    /// The key a name means, or nil when it names none.
    public static func key(_ name: String) -> Key? {
        if name.count == 1, let character = name.first {
            return character.isWhitespace || character.isASCII && character.asciiValue.map({ $0 < 32 || $0 == 127 }) == true
                ? nil : .character(character)
        }
        let lower = name.lowercased()
        if let named = named[lower] { return named }
        for prefix in ["ctrl-", "ctrl+", "c-", "^"] where lower.hasPrefix(prefix) {
            let rest = lower.dropFirst(prefix.count)
            guard rest.count == 1, let letter = rest.first, letter.isASCII, letter.isLetter else { return nil }
            return .ctrl(letter)
        }
        return nil
    }

    /// The name `config --print` and help show for a key: the first spelling `key(_:)` reads.
    public static func name(of key: Key) -> String {
        switch key {
        case .character(" "): return "space"
        case .character(let character): return String(character)
        case .ctrl(let letter): return "ctrl-\(letter)"
        case .up: return "up"
        case .down: return "down"
        case .left: return "left"
        case .right: return "right"
        case .enter: return "enter"
        case .escape: return "esc"
        case .backspace: return "backspace"
        case .tab: return "tab"
        case .backTab: return "shift-tab"
        case .pageUp: return "pgup"
        case .pageDown: return "pgdn"
        case .home: return "home"
        case .end: return "end"
        case .click: return "click"
        case .wheel: return "wheel"
        }
    }

    /// Every named key, for the message about a name that is none of them.
    public static let knownNames = "a single character, space, enter, esc, backspace, tab, shift-tab, up, down, left, right, pgup, pgdn, home, end, or ctrl-LETTER"

    private static let named: [String: Key] = [
        "space": .character(" "),
        "enter": .enter, "return": .enter,
        "esc": .escape, "escape": .escape,
        "backspace": .backspace, "bs": .backspace,
        "tab": .tab, "shift-tab": .backTab, "backtab": .backTab,
        "up": .up, "down": .down, "left": .left, "right": .right,
        "pgup": .pageUp, "pageup": .pageUp, "page-up": .pageUp,
        "pgdn": .pageDown, "pagedown": .pageDown, "page-down": .pageDown,
        "home": .home, "end": .end,
    ]
}
