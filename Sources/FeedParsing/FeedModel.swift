import Foundation

/// Turns the parser's feedparser-style dictionaries into the typed `Feed` Byline uses,
/// keeping the dictionaries themselves in `fields`.
enum FeedModel {
    static func feed(version: String, fields: ParsedNode, entries: [ParsedNode], problem: String?, encoding: String) -> Feed {
        var feed = Feed(
            version: version,
            title: plain(fields, "title"),
            link: fields.text("link").map(PlainText.clean),
            subtitle: plain(fields, "subtitle"),
            language: fields.text("language").map(PlainText.clean),
            author: fields.text("author").map(PlainText.clean),
            updated: date(fields, "updated_parsed") ?? date(fields, "published_parsed"),
            links: links(fields),
            items: entries.map(item),
            problem: problem.map { PlainText.oneLine($0) },
            encoding: encoding)
        feed.fields = fields.fields
        return feed
    }

    private static func item(_ entry: ParsedNode) -> FeedItem {
        let allLinks = links(entry)
        var item = FeedItem(
            id: entry.text("id").map(PlainText.clean),
            title: plain(entry, "title"),
            link: entry.text("link").map(PlainText.clean),
            links: allLinks.filter { $0.rel != "enclosure" },
            published: date(entry, "published_parsed"),
            updated: date(entry, "updated_parsed"),
            author: entry.text("author").map(PlainText.clean),
            categories: (entry["tags"]?.list ?? []).compactMap { $0.node?.text("term").map(PlainText.clean) }
                .filter { !$0.isEmpty },
            summary: summary(entry),
            content: entry["content"]?.list?.first?.node.flatMap(text),
            enclosures: allLinks.filter { $0.rel == "enclosure" })
        item.fields = entry.fields
        return item
    }

    /// A text field as plain text: HTML titles (`type="html"`) lose their markup.
    private static func plain(_ node: ParsedNode, _ key: String) -> String? {
        guard let value = node.text(key) else { return nil }
        let type = FeedBuilder.mapContentType(node[key + "_detail"]?.node?.text("type") ?? "text/plain")
        return FeedBuilder.htmlTypes.contains(type) ? PlainText.fromHTML(value) : PlainText.clean(value)
    }

    private static func summary(_ entry: ParsedNode) -> FeedText? {
        if let detail = entry["summary_detail"]?.node, let value = text(detail) { return value }
        guard let value = entry.text("summary") else { return nil }
        let type = entry["content"]?.list?.first?.node?.text("type") ?? "text/html"
        return FeedText(value: PlainText.clean(value), isHTML: FeedBuilder.htmlTypes.contains(type))
    }

    private static func text(_ node: ParsedNode) -> FeedText? {
        guard let value = node.text("value") else { return nil }
        let type = FeedBuilder.mapContentType(node.text("type") ?? "text/plain")
        return FeedText(value: PlainText.clean(value), isHTML: FeedBuilder.htmlTypes.contains(type),
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
