import BylineCore
import FoundationEssentials

/// Whether a fetched link is an article page, to be saved as a story: an HTML response
/// whose extraction reads like a story. A PDF, JSON, an image or a site's home page is
/// not one, and is never saved; the reader says what it is instead.
///
/// Pure: it looks at the response's media type, first bytes and address, and at what the
/// extractor made of it. (It belongs with the rules of fetching a full story, and moves
/// there as a whole when that function lands.)
public enum ArticlePageCheck {
    public enum Verdict: Equatable, Sendable {
        case article
        /// Not a story, with what it is in a few words ("a PDF document").
        case notAStory(String)
    }

    /// A story has at least this many words of text.
    static let minimumWords = 50

    /// What the response is, from its type alone, when that already says it is no page.
    public static func nonPage(contentType: String?, body: Data) -> String? {
        if body.starts(with: Array("%PDF".utf8)) { return "a PDF document" }
        let type = (contentType ?? "").split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        switch type {
        case "", "text/html", "application/xhtml+xml": break
        case "application/pdf": return "a PDF document"
        case "application/json", "text/json": return "JSON data"
        case _ where type.hasSuffix("+json"): return "JSON data"
        case _ where type.hasPrefix("image/"): return "an image"
        case _ where type.hasPrefix("audio/"): return "an audio file"
        case _ where type.hasPrefix("video/"): return "a video"
        case "application/rss+xml", "application/atom+xml", "application/feed+json": return "a feed"
        default: return "a \(type) file, not a web page"
        }
        if type.isEmpty {
            let start = body.prefix(64).drop { [0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }
            if start.first == UInt8(ascii: "{") || start.first == UInt8(ascii: "[") { return "JSON data" }
            for (magic, kind) in [([0x89, 0x50, 0x4E, 0x47], "an image"), ([0xFF, 0xD8, 0xFF], "an image"),
                                  ([0x47, 0x49, 0x46, 0x38], "an image")] as [([UInt8], String)] where body.starts(with: magic) {
                return kind
            }
        }
        return nil
    }

    /// The verdict on an HTML page at `url` from which `article` was extracted.
    public static func verdict(url: URL, article: ExtractedArticle) -> Verdict {
        let path = url.path
        if (path.isEmpty || path == "/" || ["/index.html", "/index.htm", "/index.php", "/home"].contains(path.lowercased()))
            && (url.query ?? "").isEmpty {
            return .notAStory("a site's home page, not a story")
        }
        let words = article.text.split(whereSeparator: { $0.isWhitespace }).count
        if words < minimumWords {
            return .notAStory(words == 0 ? "a page with no story text" : "a page with too little text to be a story (\(words) words)")
        }
        return .article
    }
}
