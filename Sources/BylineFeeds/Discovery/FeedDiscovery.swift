import CLibXML2
import Foundation

/// Finds the feeds a web page advertises with `<link rel="alternate" type="…">`.
public enum FeedDiscovery {
    static let feedTypes = ["application/rss+xml", "application/atom+xml", "application/feed+json",
                            "application/json", "application/rdf+xml", "application/xml", "text/xml"]

    /// The Accept header for feed requests: feeds first, pages (for discovery) after.
    public static let feedAccept = "application/rss+xml, application/atom+xml, application/feed+json, "
        + "application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.5, */*;q=0.1"

    /// The advertised feed URLs, absolute, in page order, RSS/Atom/JSON Feed types first.
    public static func feedLinks(inHTML data: Data, pageURL: URL) -> [String] {
        guard !data.isEmpty, data.count <= Int(Int32.max) else { return [] }
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue
            | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue)
        let document = data.withUnsafeBytes { buffer in
            htmlReadMemory(buffer.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(buffer.count),
                           pageURL.absoluteString, nil, options)
        }
        guard let document else { return [] }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else { return [] }
        var base = pageURL
        var found: [(rank: Int, url: String)] = []
        LibXMLTree.forEachElement(under: root) { node in
            switch LibXMLTree.name(node) {
            case "base":
                if let href = LibXMLTree.attribute(node, "href"), let url = URL(string: href, relativeTo: pageURL) { base = url }
            case "link":
                let rels = (LibXMLTree.attribute(node, "rel") ?? "").lowercased().split(separator: " ")
                let type = (LibXMLTree.attribute(node, "type") ?? "").lowercased().trimmingCharacters(in: .whitespaces)
                guard rels.contains("alternate"), let rank = feedTypes.firstIndex(of: type),
                      let href = LibXMLTree.attribute(node, "href")?.trimmingCharacters(in: .whitespacesAndNewlines),
                      let url = URL(string: href, relativeTo: base)?.absoluteURL,
                      let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https"
                else { return }
                if !found.contains(where: { $0.url == url.absoluteString }) { found.append((rank, url.absoluteString)) }
            default:
                break
            }
        }
        // A stable sort keeps page order among links of the same type.
        return found.enumerated().sorted { ($0.element.rank, $0.offset) < ($1.element.rank, $1.offset) }.map { $0.element.url }
    }
}
