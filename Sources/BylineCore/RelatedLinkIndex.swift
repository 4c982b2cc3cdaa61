/// Finds the story a related link names: by URL first, then by title.
///
/// Titles compare by `TitleKey`, so a `READ MORE` line with curly quotes finds the
/// headline typed with straight ones.
public struct RelatedLinkIndex: Sendable {
    private var byURL: [String: StoryID] = [:]
    private var byTitle: [TitleKey: StoryID] = [:]

    public init(_ stories: some Sequence<StorySummary>) {
        for story in stories {
            if let url = story.url { byURL[Self.normalizedURL(url)] = byURL[Self.normalizedURL(url)] ?? story.id }
            let key = TitleKey(story.title)
            if !key.isEmpty, byTitle[key] == nil { byTitle[key] = story.id }
        }
    }

    public func resolve(_ link: RelatedLink) -> StoryID? {
        if let url = link.url, let id = byURL[Self.normalizedURL(url)] { return id }
        let key = TitleKey(link.title)
        return key.isEmpty ? nil : byTitle[key]
    }

    /// The same page written differently: scheme and host case, `www.`, a trailing slash,
    /// a fragment, and http against https make no difference.
    public static func normalizedURL(_ url: String) -> String {
        var s = Substring(url.trimmingSpaces)
        if let hash = s.firstIndex(of: "#") { s = s[..<hash] }
        let lower = s.lowercased()
        for scheme in ["https://", "http://"] where lower.hasPrefix(scheme) {
            s = s.dropFirst(scheme.count)
            break
        }
        let slash = s.firstIndex(of: "/") ?? s.endIndex
        var host = s[..<slash].lowercased()
        if host.hasPrefix("www.") { host.removeFirst(4) }
        var path = String(s[slash...])
        while path.hasSuffix("/") { path.removeLast() }
        return host + path
    }
}
