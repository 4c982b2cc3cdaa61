/// How the screen makes room for reading: the list's share while a story is open, the
/// longest line of text, where the text sits, and whether the story has the whole screen.
public struct ReadingRoom: Equatable, Sendable {
    /// The list's share of the width, in percent, while a story is open.
    public var split: Int
    /// The longest story line, in columns: long lines tire the eye.
    public var measure: Int
    /// Whether the text sits in the middle of a wide pane (else left, with a margin).
    public var centred: Bool
    /// The story has the whole screen between header and status line.
    public var fullScreen: Bool

    /// The narrowest story text worth keeping the list beside: narrower, the list steps aside.
    public static let narrowestText = 60
    public static let splitRange = 15...70

    public init(split: Int = 30, measure: Int = 72, centred: Bool = true, fullScreen: Bool = false) {
        self.split = min(max(split, Self.splitRange.lowerBound), Self.splitRange.upperBound)
        self.measure = max(20, measure)
        self.centred = centred
        self.fullScreen = fullScreen
    }
}
