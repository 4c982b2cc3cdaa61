import BylineExtract
import Foundation

/// Finds the feeds a web page advertises with `<link rel="alternate" type="…">`.
///
/// The page is read with BylineExtract's `HTMLDocument`, which picks its charset as a
/// browser would, the same reader the article extractor uses.
public enum FeedDiscovery {
    static let feedTypes = ["application/rss+xml", "application/atom+xml", "application/feed+json",
                            "application/json", "application/rdf+xml", "application/xml", "text/xml"]

    /// The Accept header for feed requests: feeds first, pages (for discovery) after.
    public static let feedAccept = "application/rss+xml, application/atom+xml, application/feed+json, "
        + "application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.5, */*;q=0.1"

    /// The advertised feed URLs, absolute, in page order, RSS/Atom/JSON Feed types first.
    public static func feedLinks(inHTML data: Data, pageURL: URL) -> [String] {
        guard !data.isEmpty else { return [] }
        let page = HTMLDocument(data: data)
        var base = pageURL
        var found: [(rank: Int, url: String)] = []
        // In page order, so a `<base>` applies to the links after it.
        for index in page.all(["base", "link"]) {
            let node = page[index]
            if node.name == "base" {
                if let href = node.attribute("href"), let url = URL(string: href, relativeTo: pageURL) { base = url }
                continue
            }
            let rels = (node.attribute("rel") ?? "").lowercased().split(separator: " ")
            let type = (node.attribute("type") ?? "").lowercased().trimmingCharacters(in: .whitespaces)
            guard rels.contains("alternate"), let rank = feedTypes.firstIndex(of: type),
                  let href = node.attribute("href")?.trimmingCharacters(in: .whitespacesAndNewlines),
                  let url = URL(string: href, relativeTo: base)?.absoluteURL,
                  let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https"
            else { continue }
            if !found.contains(where: { $0.url == url.absoluteString }) { found.append((rank, url.absoluteString)) }
        }
        // A stable sort keeps page order among links of the same type.
        return found.enumerated().sorted { ($0.element.rank, $0.offset) < ($1.element.rank, $1.offset) }.map { $0.element.url }
    }
}
