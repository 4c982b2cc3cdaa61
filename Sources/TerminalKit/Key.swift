/// A key press or mouse action, as the terminal reports it, with no meaning attached yet.
public enum Key: Hashable, Sendable {
    case character(Character)
    case up, down, left, right
    case enter, escape, backspace, tab, backTab
    case pageUp, pageDown, home, end
    /// Ctrl plus a letter, reported as the letter (`ctrl("l")`).
    case ctrl(Character)
    /// A mouse button click at a screen cell (column, row).
    case click(x: Int, y: Int)
    /// The mouse wheel turned over a screen cell: `lines` up (negative) or down.
    case wheel(x: Int, y: Int, lines: Int)
}
