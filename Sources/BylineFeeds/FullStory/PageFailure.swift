import FeedParsing

/// A story page that could not be fetched or read: its story stays the feed's summary.
public struct PageFailure: Error, Equatable, Sendable {
    /// The subscription's URL.
    public var feed: String
    /// The item's page.
    public var page: String
    public var reason: String

    public init(feed: String, page: String, reason: String) {
        self.feed = feed
        self.page = page
        self.reason = reason
    }

    /// One line for the terminal: the feed, the page, what went wrong.
    public var line: String { PlainText.oneLine("\(feed): full story \(page): \(reason)", limit: 400) }
}
