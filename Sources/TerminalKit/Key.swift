/// A key press, as the terminal reports it, with no meaning attached yet.
public enum Key: Hashable, Sendable {
    case character(Character)
    case up, down, left, right
    case enter, escape, backspace, tab, backTab
    case pageUp, pageDown, home, end
    /// Ctrl plus a letter, reported as the letter (`ctrl("l")`).
    case ctrl(Character)
}
