/// One feed the reader subscribes to, as written in the subscriptions file.
public struct Subscription: Equatable, Hashable, Sendable {
    public var url: String
    /// The name the reader gave the feed; the feed's own title is used when absent.
    public var title: String?
    public var fullStory: FullStoryMode
    /// How long this feed's stories are kept (`keep = "30d"`), as written; nil follows
    /// config.toml's `[retention]`.
    public var keep: String?
    /// The folder the feed is filed in (OPML's nested outlines, or the sync server's
    /// category), folders within folders joined by " / "; nil at the top.
    public var folder: String?

    public init(url: String, title: String? = nil, fullStory: FullStoryMode = .auto, keep: String? = nil,
                folder: String? = nil) {
        self.url = url
        self.title = title
        self.fullStory = fullStory
        self.keep = keep
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
