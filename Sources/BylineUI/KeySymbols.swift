import TerminalKit

/// How a key is written in help and hints: the symbol printed on keyboards where there is
/// one (↑, ⏎, ⇥), else its short name (PgUp, Esc, Ctrl-L).
extension Key {
    public var symbol: String {
        switch self {
        case .character(" "): "Space"
        case .character(let c): String(c)
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
        case .ctrl(let c): "Ctrl-" + String(c).uppercased()
        case .click: "click"
        case .wheel: "wheel"
        }
    }

    /// Several keys in a row, with a run of three or more consecutive digits written as
    /// its ends ("1 … 9").
    static func symbols(_ keys: [Key]) -> String {
        var words: [String] = []
        var index = keys.startIndex
        while index < keys.endIndex {
            var end = index
            while end + 1 < keys.endIndex, let here = keys[end].digit, keys[end + 1].digit == here + 1 { end += 1 }
            if end - index >= 2 {
                words.append("\(keys[index].symbol) … \(keys[end].symbol)")
                index = end + 1
            } else {
                words.append(keys[index].symbol)
                index += 1
            }
        }
        return words.joined(separator: " ")
    }

    private var digit: Int? {
        guard case .character(let c) = self else { return nil }
        return c.wholeNumberValue
    }
}
