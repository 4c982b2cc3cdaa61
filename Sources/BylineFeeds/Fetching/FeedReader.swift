import FeedParsing
import Foundation

/// Reads a fetched document as a feed: the parser, injected so fetching can be tested
/// on its own. `FeedReader.standard` is FeedParsing's parser.
public struct FeedReader: Sendable {
    public var read: @Sendable (_ data: Data, _ url: URL?, _ contentType: String?) -> Result<Feed, FetchFailure>

    public init(read: @escaping @Sendable (_ data: Data, _ url: URL?, _ contentType: String?) -> Result<Feed, FetchFailure>) {
        self.read = read
    }
}
