/// One feed the reader subscribes to, as written in the subscriptions file.
public struct Subscription: Equatable, Hashable, Sendable {
    public var url: String
    /// The name the reader gave the feed; the feed's own title is used when absent.
    public var title: String?
    public var fullStory: FullStoryMode

    public init(url: String, title: String? = nil, fullStory: FullStoryMode = .auto) {
        self.url = url
        self.title = title
        self.fullStory = fullStory
    }
}

/// Whether to fetch a story's web page for its full text.
public enum FullStoryMode: String, CaseIterable, Sendable {
    /// Only when the feed gives a summary rather than the whole story.
    case auto
    case always
    case never
}
