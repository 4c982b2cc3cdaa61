/// Finds the story a related link names: by URL first, then by title.
///
/// URLs match exactly, then by `normalizedURL`; titles match by `TitleKey`, so case,
/// punctuation and straight or curly quotes do not matter ("Iran’s" finds "Iran's").
/// Where two stories share a URL or title, the first in the given order wins: with
/// stories newest first, the newest.
public struct RelatedLinkIndex: Sendable {
    private var byURL: [String: StoryID] = [:]
    private var byNormalizedURL: [String: StoryID] = [:]
    private var byTitle: [String: StoryID] = [:]

    public init(_ stories: some Collection<StorySummary>) {
        byURL.reserveCapacity(stories.count)
        byTitle.reserveCapacity(stories.count)
        for story in stories {
            // As the library index keys a story (`IndexLayout.forEachLinkKey`): an empty
            // URL is none, so a link whose URL normalises to nothing ("https://", "#top")
            // does not find a story that has no URL.
            if let url = story.url, !url.isEmpty {
                if byURL[url] == nil { byURL[url] = story.id }
                let normalized = Self.normalizedURL(url)
                if byNormalizedURL[normalized] == nil { byNormalizedURL[normalized] = story.id }
            }
            if !story.titleKey.isEmpty, byTitle[story.titleKey] == nil { byTitle[story.titleKey] = story.id }
        }
    }

    /// The story the link names, or nil when it is not in the library.
    public func resolve(_ link: RelatedLink) -> StoryID? {
        if let url = link.url, !url.isEmpty, let id = byURL[url] ?? byNormalizedURL[Self.normalizedURL(url)] {
            return id
        }
        let key = TitleKey(link.title)
        return key.isEmpty ? nil : byTitle[key.value]
    }

    /// A URL reduced to what names the page: scheme (http or https), host case, a leading
    /// `www.`, the fragment and a trailing slash on the path make no difference; the path's
    /// case and the query do, since they often select the story.
    public static func normalizedURL(_ url: String) -> String {
        if let ascii = asciiNormalizedURL(url) { return ascii }
        var s = Substring(url.trimmingSpaces)
        if let hash = s.firstIndex(of: "#") { s = s[..<hash] }
        if let schemeEnd = s.range(of: "://") { s = s[schemeEnd.upperBound...] }
        let hostEnd = s.firstIndex { $0 == "/" || $0 == "?" } ?? s.endIndex
        var host = s[..<hostEnd].lowercased()
        if host.hasPrefix("www.") { host.removeFirst(4) }
        var rest = s[hostEnd...]
        var query: Substring = ""
        if let mark = rest.firstIndex(of: "?") {
            query = rest[mark...]
            rest = rest[..<mark]
        }
        while rest.hasSuffix("/") { rest = rest.dropLast() }
        return host + rest + query
    }

    /// `normalizedURL` for an ASCII URL (nearly every one), on bytes: indexing a library
    /// normalises every story's URL, and doing it by characters cost as much as parsing.
    private static func asciiNormalizedURL(_ url: String) -> String? {
        var bytes = Array(url.utf8)
        guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
        var start = 0, end = bytes.count
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        if let hash = bytes[start..<end].firstIndex(of: UInt8(ascii: "#")) { end = hash }
        let scheme = Array("://".utf8)
        if let at = (start..<max(start, end - 2)).first(where: { bytes[$0..<($0 + 3)].elementsEqual(scheme) }) { start = at + 3 }
        let hostEnd = bytes[start..<end].firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") } ?? end
        for index in start..<hostEnd where bytes[index] >= 0x41 && bytes[index] <= 0x5A { bytes[index] += 32 }
        var host = start..<hostEnd
        if bytes[host].starts(with: "www.".utf8) { host = (host.lowerBound + 4)..<host.upperBound }
        let query = bytes[hostEnd..<end].firstIndex(of: UInt8(ascii: "?")) ?? end
        var path = hostEnd..<query
        while path.upperBound > path.lowerBound, bytes[path.upperBound - 1] == UInt8(ascii: "/") { path = path.lowerBound..<(path.upperBound - 1) }
        return String(decoding: bytes[host] + bytes[path] + bytes[query..<end], as: UTF8.self)
    }
}
