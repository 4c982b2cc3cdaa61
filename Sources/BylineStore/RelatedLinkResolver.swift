import BylineCore

/// Finds the library story a related link names: by URL first, then by title.
///
/// URLs match exactly, then normalised (`LinkURL`); titles match by `TitleKey`, so case,
/// punctuation and straight or curly quotes do not matter. Where two stories share a URL or
/// title, the first in the given order wins: with entries newest first, the newest.
/// Pure: build it from the loaded entries, ask it as often as needed.
public struct RelatedLinkResolver: Sendable {
    private var byURL: [String: StoryID] = [:]
    private var byNormalisedURL: [String: StoryID] = [:]
    private var byTitle: [String: StoryID] = [:]

    public init(entries: [LibraryEntry]) {
        byURL.reserveCapacity(entries.count)
        byTitle.reserveCapacity(entries.count)
        for entry in entries {
            if let url = entry.url {
                if byURL[url] == nil { byURL[url] = entry.id }
                let normalised = LinkURL.normalised(url)
                if byNormalisedURL[normalised] == nil { byNormalisedURL[normalised] = entry.id }
            }
            if !entry.titleKey.isEmpty, byTitle[entry.titleKey] == nil { byTitle[entry.titleKey] = entry.id }
        }
    }

    /// The story the link names, or `nil` when it is not in the library.
    public func resolve(_ link: RelatedLink) -> StoryID? {
        if let url = link.url, !url.isEmpty {
            if let id = byURL[url] ?? byNormalisedURL[LinkURL.normalised(url)] { return id }
        }
        let key = TitleKey(link.title)
        return key.isEmpty ? nil : byTitle[key.value]
    }
}
