import Foundation

/// Reads JSON Feed 1.0 and 1.1 into the same dictionaries the XML path builds, so one
/// mapping turns both into a `Feed`.
enum JSONFeedReader {
    private static let versions = ["https://jsonfeed.org/version/1": "json1", "https://jsonfeed.org/version/1.1": "json11"]

    static func read(_ text: String, baseURI: String) -> Result<(version: String, feed: ParsedNode, entries: [ParsedNode]), FeedParseError> {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        } catch {
            return .failure(.malformedJSON("not valid JSON"))
        }
        guard let root = object as? [String: Any] else { return .failure(.malformedJSON("the top level is not an object")) }
        let declared = root["version"] as? String ?? ""
        guard let version = versions[declared] ?? (declared.hasPrefix("https://jsonfeed.org/version/") ? "json1" : nil) else {
            return .failure(.notAFeed(declared.isEmpty ? "JSON without a JSON Feed version"
                                      : "unknown JSON Feed version \(PlainText.oneLine(declared, limit: 60))"))
        }
        let feed = ParsedNode()
        copyText(root, "title", to: feed, as: "title")
        copyText(root, "icon", to: feed, as: "image")
        copyText(root, "description", to: feed, as: "subtitle")
        copyText(root, "language", to: feed, as: "language")
        if let home = root["home_page_url"] as? String {
            feed["link"] = .text(home)
            feed.append(.node(link(home, rel: "alternate", type: "text/html")), to: "links")
        }
        if let feedURL = root["feed_url"] as? String {
            feed.append(.node(link(feedURL, rel: "self", type: "application/feed+json")), to: "links")
        }
        readAuthors(root, into: feed)
        let items = root["items"] as? [[String: Any]] ?? []
        return .success((version, feed, items.map { entry($0, baseURI: baseURI) }))
    }

    private static func entry(_ item: [String: Any], baseURI: String) -> ParsedNode {
        let entry = ParsedNode()
        copyText(item, "title", to: entry, as: "title")
        if let id = item["id"] as? String { entry["id"] = .text(id) } else if let id = item["id"] as? Int { entry["id"] = .text(String(id)) }
        copyText(item, "summary", to: entry, as: "summary")
        if let url = item["url"] as? String {
            let absolute = URIReference.join(baseURI, url)
            entry["link"] = .text(absolute)
            entry.append(.node(link(absolute, rel: "alternate", type: "text/html")), to: "links")
        }
        if let external = item["external_url"] as? String {
            entry.append(.node(link(URIReference.join(baseURI, external), rel: "related", type: "text/html")), to: "links")
        }
        if let html = item["content_html"] as? String {
            let base = entry.text("link") ?? baseURI
            let resolved = base.isEmpty ? html : HTMLRewriter.resolvingLinks(html, base: base, type: "text/html")
            entry.append(.node(content(HTMLRewriter.sanitise(resolved, type: "text/html"), type: "text/html")), to: "content")
        } else if let text = item["content_text"] as? String {
            entry.append(.node(content(text, type: "text/plain")), to: "content")
        }
        // JSON Feed's summary is plain text; without one, the content stands in (as RSS does).
        if let summary = entry.text("summary") {
            entry["summary_detail"] = .node(content(summary, type: "text/plain"))
        } else if let first = entry.lastNode(in: "content") {
            entry["summary"] = first["value"]
            entry["summary_detail"] = .node(first.copy())
        }
        for (key, target) in [("date_published", "published"), ("date_modified", "updated")] {
            guard let value = item[key] as? String else { continue }
            entry[target] = .text(value)
            entry[target + "_parsed"] = FeedDate.parse(value).map { .date($0) } ?? .null
        }
        for tag in item["tags"] as? [String] ?? [] {
            let node = ParsedNode()
            node["term"] = .text(tag)
            node["scheme"] = .null
            node["label"] = .null
            entry.append(.node(node), to: "tags")
        }
        readAuthors(item, into: entry)
        for attachment in item["attachments"] as? [[String: Any]] ?? [] {
            guard let url = attachment["url"] as? String else { continue }
            let enclosure = link(URIReference.join(baseURI, url), rel: "enclosure", type: attachment["mime_type"] as? String)
            if let size = attachment["size_in_bytes"] as? Int { enclosure["length"] = .text(String(size)) }
            if let title = attachment["title"] as? String { enclosure["title"] = .text(title) }
            entry.append(.node(enclosure), to: "links")
        }
        return entry
    }

    /// JSON Feed 1.0's `author` and 1.1's `authors`.
    private static func readAuthors(_ object: [String: Any], into node: ParsedNode) {
        var authors = object["authors"] as? [[String: Any]] ?? []
        if let single = object["author"] as? [String: Any] { authors.insert(single, at: 0) }
        for author in authors {
            let detail = ParsedNode()
            if let name = author["name"] as? String { detail["name"] = .text(name) }
            if let url = author["url"] as? String {
                if url.hasPrefix("mailto:") { detail["email"] = .text(String(url.dropFirst(7))) } else { detail["href"] = .text(url) }
            }
            node.append(.node(detail), to: "authors")
            if !node.contains("author_detail") {
                node["author_detail"] = .node(detail)
                if let name = detail.text("name") { node["author"] = .text(name) }
            }
        }
    }

    private static func copyText(_ object: [String: Any], _ key: String, to node: ParsedNode, as target: String) {
        if let value = object[key] as? String { node[target] = .text(value) }
    }

    private static func link(_ href: String, rel: String, type: String?) -> ParsedNode {
        let link = ParsedNode()
        link["href"] = .text(href)
        link["rel"] = .text(rel)
        if let type { link["type"] = .text(type) }
        return link
    }

    /// A text construct's detail, as the XML path stores it (JSON Feed gives no language or base).
    private static func content(_ value: String, type: String) -> ParsedNode {
        TextConstruct(type: type, language: nil, base: "", mode: nil).detail(value)
    }
}
