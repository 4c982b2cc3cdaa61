import BylineFeeds
import FeedParsing
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import TestSupport

/// Canned feeds and a tiny RSS reader standing in for the real parser in fetch tests,
/// so they test fetching and storing, not parsing.
enum FetchTestFeeds {
    /// An RSS 2.0 document with `count` items, `item-1` … `item-N`.
    /// Each feed's own `site`, where stories of different feeds must not share addresses.
    static func rss(title: String = "Test Feed", items count: Int, text: String = "Body text",
                    site: String = "http://example.org") -> String {
        var out = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>\(title)</title><link>http://example.org/</link>"
        for index in 1...max(count, 1) where count > 0 {
            out += "<item><guid>item-\(index)</guid><title>Story \(index)</title>"
            out += "<link>\(site)/story/\(index)</link><description>\(text) \(index).</description></item>"
        }
        return out + "</channel></rss>"
    }

    static func route(_ document: String, etag: String? = nil, gzip: Bool = false, delay: Double = 0) -> LoopbackServer.Route {
        LoopbackServer.Route(contentType: "application/rss+xml", body: document, gzip: gzip, delay: delay, etag: etag)
    }

    /// Reads `<channel><title>` and `<item>`s with guid, title, link and description.
    static let reader = FeedReader { data, _, _ in
        let delegate = MiniRSS()
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        guard parser.parse() else { return .failure(.malformed("line \(parser.lineNumber)")) }
        guard delegate.isRSS else { return .failure(.notAFeed("no <rss> element")) }
        return .success(Feed(version: "rss20", title: delegate.channelTitle, items: delegate.items))
    }

    /// Plain-text conversion, so stored bodies are predictable.
    static let converter = StoryTextConverter { html, _ in [.paragraph(html)] }
}

private final class MiniRSS: NSObject, XMLParserDelegate {
    var isRSS = false
    var channelTitle: String?
    var items: [FeedItem] = []
    private var current: FeedItem?
    private var text = ""

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if name == "rss" { isRSS = true }
        if name == "item" { current = FeedItem() }
        text = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "item": if let current { items.append(current) }; current = nil
        case "guid": current?.id = text
        case "link": current?.link = text
        case "description": current?.summary = FeedText(value: text, isHTML: false)
        case "title": if current != nil { current?.title = text } else { channelTitle = text }
        default: break
        }
    }
}
