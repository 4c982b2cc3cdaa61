import Foundation

/// A value the parser read from a feed, kept under feedparser's key names.
///
/// The typed fields of `Feed` and `FeedItem` carry what Byline uses; `fields` keeps
/// everything else (iTunes, Media RSS, Dublin Core, image, text input …) in this form,
/// so nothing a feed says is lost and extension data needs no new model field.
public enum FeedValue: Equatable, Sendable {
    case text(String)
    case number(Int)
    /// A coordinate or other fractional number (GeoRSS).
    case real(Double)
    case flag(Bool)
    case date(Date)
    case list([FeedValue])
    case object([String: FeedValue])
    case null

    /// The string inside, when this is text.
    public var text: String? {
        if case .text(let value) = self { return value }
        return nil
    }

    /// The dictionary inside, when this is an object.
    public var object: [String: FeedValue]? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// The elements inside, when this is a list.
    public var list: [FeedValue]? {
        if case .list(let value) = self { return value }
        return nil
    }

    /// Looks a key up in an object.
    public subscript(key: String) -> FeedValue? {
        object?[key]
    }
}
