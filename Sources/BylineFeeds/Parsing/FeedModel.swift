import Foundation

/// Turns the parser's feedparser-style dictionaries into the typed `Feed` Byline uses,
/// keeping the dictionaries themselves in `fields`.
enum FeedModel {
    static func feed(version: String, fields: ParsedNode, entries: [ParsedNode], problem: String?, encoding: String) -> Feed {
        var feed = Feed(
            version: version,
            title: fields.text("title"),
            link: fields.text("link"),
            subtitle: fields.text("subtitle"),
            language: fields.text("language"),
            author: fields.text("author"),
            updated: date(fields, "updated_parsed") ?? date(fields, "published_parsed"),
            links: links(fields),
            items: entries.map(item),
            problem: problem,
            encoding: encoding)
        feed.fields = fields.fields
        return feed
    }

    private static func item(_ entry: ParsedNode) -> FeedItem {
        let allLinks = links(entry)
        var item = FeedItem(
            id: entry.text("id"),
            title: entry.text("title"),
            link: entry.text("link"),
            links: allLinks.filter { $0.rel != "enclosure" },
            published: date(entry, "published_parsed"),
            updated: date(entry, "updated_parsed"),
            author: entry.text("author"),
            categories: (entry["tags"]?.list ?? []).compactMap { $0.node?.text("term") }.filter { !$0.isEmpty },
            summary: summary(entry),
            content: entry["content"]?.list?.first?.node.flatMap(text),
            enclosures: allLinks.filter { $0.rel == "enclosure" })
        item.fields = entry.fields
        return item
    }

    private static func summary(_ entry: ParsedNode) -> FeedText? {
        if let detail = entry["summary_detail"]?.node, let value = text(detail) { return value }
        guard let value = entry.text("summary") else { return nil }
        let type = entry["content"]?.list?.first?.node?.text("type") ?? "text/html"
        return FeedText(value: value, isHTML: FeedBuilder.htmlTypes.contains(type))
    }

    private static func text(_ node: ParsedNode) -> FeedText? {
        guard let value = node.text("value") else { return nil }
        let type = FeedBuilder.mapContentType(node.text("type") ?? "text/plain")
        return FeedText(value: value, isHTML: FeedBuilder.htmlTypes.contains(type),
                        language: node.text("language"), base: node.text("base"))
    }

    private static func links(_ node: ParsedNode) -> [FeedLink] {
        (node["links"]?.list ?? []).compactMap { value in
            guard let link = value.node, let href = link.text("href") else { return nil }
            return FeedLink(href: href, rel: link.text("rel") ?? "alternate", type: link.text("type"),
                            title: link.text("title"), length: link.text("length").flatMap { Int(PythonText.strip($0)) })
        }
    }

    private static func date(_ node: ParsedNode, _ key: String) -> Date? {
        if case .date(let value) = node[key] { return value }
        return nil
    }
}
