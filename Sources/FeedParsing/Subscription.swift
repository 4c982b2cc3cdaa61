/// One feed the reader subscribes to, as written in the subscriptions file.
public struct Subscription: Equatable, Hashable, Sendable {
    public var url: String
    /// The name the reader gave the feed; the feed's own title is used when absent.
    public var title: String?
    public var fullStory: FullStoryMode
    /// The folder the feed is filed under: the sync server's category, or the reader's own.
    public var folder: String?

    public init(url: String, title: String? = nil, fullStory: FullStoryMode = .auto, folder: String? = nil) {
        self.url = url
        self.title = title
        self.fullStory = fullStory
        self.folder = folder
    }
}

/// Whether to fetch a story's web page for its full text.
public enum FullStoryMode: String, CaseIterable, Sendable {
    /// Only when the feed gives a summary rather than the whole story.
    case auto
    case always
    case never
}
