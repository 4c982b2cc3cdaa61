import Foundation

/// A URL reduced to what identifies a page, for matching a related link to a story.
///
/// Scheme and host are compared without case, the fragment (`#comments`) is dropped, and
/// so is a trailing slash on the path: `HTTPS://Example.org/news/1/#top` and
/// `https://example.org/news/1` name the same story. The query stays: it often does select
/// the story.
enum LinkURL {
    static func normalised(_ url: String) -> String {
        if isNormal(url) { return url }
        var text = Substring(url.trimmingCharacters(in: .whitespaces))
        if let hash = text.firstIndex(of: "#") { text = text[..<hash] }
        guard let schemeEnd = text.range(of: "://") else { return dropTrailingSlash(String(text)) }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        let rest = text[schemeEnd.upperBound...]
        let hostEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
        let host = rest[..<hostEnd].lowercased()
        var tail = String(rest[hostEnd...])
        // A trailing slash on the path, before any query.
        if let query = tail.firstIndex(of: "?") {
            tail = dropTrailingSlash(String(tail[..<query])) + tail[query...]
        } else {
            tail = dropTrailingSlash(tail)
        }
        return scheme + "://" + host + tail
    }

    private static func dropTrailingSlash(_ text: String) -> String {
        var text = Substring(text)
        while text.last == "/" { text = text.dropLast() }
        return String(text)
    }
}

extension LinkURL {
    /// Whether `normalised` would return `url` unchanged: most URLs, checked without
    /// building new strings, so indexing 100,000 stories' URLs stays cheap.
    static func isNormal(_ url: String) -> Bool {
        var slashes = 0
        var last: UInt8 = 0
        for byte in url.utf8 {
            switch byte {
            case UInt8(ascii: "#"), UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "?"): return false
            case UInt8(ascii: "A")...UInt8(ascii: "Z") where slashes < 3: return false
            case UInt8(ascii: "/"): slashes += 1
            default: break
            }
            last = byte
        }
        return slashes >= 3 && last != UInt8(ascii: "/")
    }
}
