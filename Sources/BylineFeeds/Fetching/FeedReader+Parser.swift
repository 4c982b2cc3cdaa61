import FeedParsing
import Foundation

extension FeedReader {
    /// FeedParsing's parser: RSS, Atom and JSON Feed.
    public static let standard = FeedReader { data, url, contentType in
        FeedParser.parse(data, url: url, contentType: contentType).mapError(FetchFailure.init(parseError:))
    }
}

extension FetchFailure {
    /// A parser error in fetch's words: "not a feed: …" or "malformed feed: … at line N".
    init(parseError: FeedParseError) {
        switch parseError {
        case .emptyDocument: self = .notAFeed("empty document")
        case .notAFeed(let reason): self = .notAFeed(reason)
        case .malformedXML(let line, let message): self = .malformed("XML at line \(line): \(message)")
        case .malformedJSON(let message): self = .malformed("JSON: \(message)")
        case .parserMissing(let message): self = .other(message)
        }
    }
}
