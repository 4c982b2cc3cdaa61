/// A run of text in one style, optionally tagged (say, with the index of the link it
/// belongs to) so the tag survives wrapping and drawing.
public struct StyledSpan: Hashable, Sendable {
    public var text: String
    public var style: Style
    /// Caller-defined marker carried through wrapping, such as a link index.
    public var tag: Int?

    public init(text: String, style: Style = .plain, tag: Int? = nil) {
        self.text = text
        self.style = style
        self.tag = tag
    }

    public init(_ text: String, style: Style = .plain, tag: Int? = nil) {
        self.init(text: text, style: style, tag: tag)
    }
}

extension Array where Element == StyledSpan {
    /// The spans' text joined, without styles.
    public var plainText: String {
        map(\.text).joined()
    }
}
