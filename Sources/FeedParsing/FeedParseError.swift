/// Why a document could not be read as a feed, in one line.
///
/// The description names what is wrong, not where: the caller that fetched or opened
/// the document puts the URL or file name in front.
public enum FeedParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Nothing but whitespace.
    case emptyDocument
    /// Readable, but not RSS, Atom or JSON Feed; the reason says what it looks like.
    case notAFeed(String)
    /// XML so broken that no feed could be recovered from it.
    case malformedXML(line: Int, message: String)
    /// JSON that does not parse, or is not a JSON Feed.
    case malformedJSON(String)
    /// libxml2, which reads XML, could not be loaded: the message names it and says why.
    case parserMissing(String)

    public var description: String {
        switch self {
        case .emptyDocument: return "empty document"
        case .notAFeed(let reason): return "not a feed: \(reason)"
        case .malformedXML(let line, let message): return "malformed XML at line \(line): \(message)"
        case .malformedJSON(let message): return "malformed JSON Feed: \(message)"
        case .parserMissing(let message): return message
        }
    }
}
