/// One terminal cell: the grapheme drawn there and its style.
///
/// A wide character occupies two cells: its symbol in the left one, and `""` in the right
/// one, the continuation, which a backend skips when drawing.
public struct Cell: Hashable, Sendable {
    /// One grapheme cluster, `" "` for a blank cell, `""` for the right half of a wide one.
    public var symbol: String
    public var style: Style

    public init(symbol: String, style: Style = .plain) {
        self.symbol = symbol
        self.style = style
    }

    /// An empty cell in `style`.
    public static func blank(_ style: Style = .plain) -> Cell {
        Cell(symbol: " ", style: style)
    }

    /// Whether this is the right half of a wide character.
    public var isContinuation: Bool { symbol.isEmpty }
}
