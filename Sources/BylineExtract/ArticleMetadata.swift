import BylineCore
import FoundationEssentials

/// What a page says about its story outside the text: title, author, date, site and
/// language, from JSON-LD first, then `<meta>` tags, then the markup.
struct ArticleMetadata: Sendable {
    var title: String?
    var author: String?
    var published: String?
    var siteName: String?
    var language: String?
    var summary: String?
    var image: String?
    /// The story text a JSON-LD `articleBody` gives, when there is one.
    var jsonBody: String?

    init(_ document: HTMLDocument, url: URL?) {
        var meta: [String: String] = [:]
        for index in document.all(["meta"]) {
            let node = document[index]
            guard let key = (node.attribute("property") ?? node.attribute("name") ?? node.attribute("itemprop"))?
                .lowercased(), let content = node.attribute("content"), !content.isEmpty, meta[key] == nil
            else { continue }
            meta[key] = Self.clean(content)
        }
        let article = Self.jsonLDArticle(document)

        title = Self.first([article?["headline"]?.string, meta["og:title"], meta["twitter:title"]])
            ?? document.first("h1").map(document.text).flatMap(Self.nonEmpty)
            ?? document.first("title").map(document.text).map(Self.withoutSiteName).flatMap(Self.nonEmpty)
        author = Self.first([
            article?["author"].map { $0.names.joined(separator: ", ") },
            meta["author"], meta["article:author"], meta["parsely-author"], meta["dc.creator"], meta["byl"],
        ].map { $0.flatMap(Self.personName) })
            ?? Self.authorFromMarkup(document)
        published = Self.first([
            article?["datePublished"]?.string, meta["article:published_time"], meta["og:article:published_time"],
            meta["datepublished"], meta["date"], meta["pubdate"], meta["publishdate"], meta["dc.date"],
            meta["dc.date.issued"], meta["parsely-pub-date"], meta["sailthru.date"], meta["article.published"],
        ]) ?? document.first("time").flatMap { document[$0].attribute("datetime") }.flatMap(Self.nonEmpty)
        siteName = Self.first([meta["og:site_name"], article?["publisher"]?.names.first, meta["application-name"]])
        language = Self.first([
            document.first("html").flatMap { document[$0].attribute("lang") }, article?["inLanguage"]?.string,
            meta["og:locale"], meta["content-language"], meta["language"],
        ])
        summary = Self.first([meta["og:description"], meta["description"], article?["description"]?.string])
        image = Self.first([meta["og:image"], meta["twitter:image"]]).flatMap { LinkTarget.resolve($0, against: url) }
        jsonBody = article?["articleBody"]?.string.flatMap(Self.nonEmpty)
    }

    // MARK: - JSON-LD

    private static let articleTypes: Set<String> = [
        "article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
        "backgroundnewsarticle", "reviewnewsarticle", "scholarlyarticle", "techarticle", "liveblogposting", "report",
        "socialmediaposting", "posting", "webpage",
    ]

    /// The first JSON-LD object typed as an article (searching `@graph` and arrays).
    private static func jsonLDArticle(_ document: HTMLDocument) -> JSONValue? {
        var best: JSONValue?
        for script in document.all(["script"]) where document[script].attribute("type")?.lowercased()
            .contains("ld+json") == true {
            let text = document[script].children.map { document[$0].text }.joined()
            guard let json = JSONValue.parse(text) else { continue }
            // A cursor, not removeFirst: a hostile page's JSON-LD array of 100,000 items
            // would make removing from the front quadratic.
            var queue = [json]
            var next = 0
            while next < queue.count {
                let value = queue[next]
                next += 1
                queue.append(contentsOf: value["@graph"]?.array ?? [])
                if case .array(let values) = value { queue.append(contentsOf: values); continue }
                let types = Set((value["@type"]?.array ?? []).compactMap { $0.string?.lowercased() })
                guard !types.isDisjoint(with: articleTypes) else { continue }
                if types == ["webpage"] { if best == nil { best = value }; continue }
                return value
            }
        }
        return best
    }

    // MARK: - Markup

    /// The author named in the page's byline: a `rel=author` link, or the first link (else
    /// the text) of an element whose class or itemprop says byline or author.
    private static func authorFromMarkup(_ document: HTMLDocument) -> String? {
        for index in document.all(["a", "span", "div", "p", "address"]) {
            let node = document[index]
            let rel = node.attribute("rel")?.lowercased() ?? ""
            let words = ((node.attribute("class") ?? "") + " " + (node.attribute("itemprop") ?? "")).lowercased()
            guard rel == "author" || bylineWords.found(in: words) else { continue }
            let link = node.name == "a" ? index : document.first("a", under: index)
            if let name = personName(document.text(of: link ?? index)) { return name }
        }
        return nil
    }

    private static let bylineWords = WordList(["byline", "author"])
    private static let dateWords = WordList([
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ])

    /// A person's name from a byline: without "By", not a URL, not a paragraph.
    static func personName(_ raw: String) -> String? {
        var text = TextSpace.collapse(raw)
        for prefix in ["by ", "By ", "BY "] where text.hasPrefix(prefix) { text.removeFirst(prefix.count) }
        // Bylines run on into the date: "Jo Reporter Published 9:05 AM EST Mar 3, 2021".
        var words: [Substring] = []
        let all = text.split(separator: " ")
        for (position, word) in all.enumerated() {
            let lower = word.lowercased()
            let next = position + 1 < all.count ? all[position + 1] : ""
            if ["published", "updated", "posted", "ago", "on"].contains(lower) || word.first?.isNumber == true
                || dateWords.found(in: lower) && lower.count <= 9 && (next.first?.isNumber ?? false) {
                break
            }
            words.append(word)
        }
        text = String(words.joined(separator: " ").reversed().drop(while: { " ,|-–—·".contains($0) }).reversed())
        guard !text.isEmpty, text.count <= 80, !text.contains("://"), !text.hasPrefix("www.") else { return nil }
        return text
    }

    /// `Story title | Site` → `Story title`: the longest part of a title split at separators.
    static func withoutSiteName(_ title: String) -> String {
        for separator in [" | ", " - ", " — ", " – ", " :: ", " · "] where title.contains(separator) {
            let parts = title.components(separatedBy: separator).map { $0.trimmingCharacters(in: .whitespaces) }
            return parts.max(by: { $0.count < $1.count }) ?? title
        }
        return title
    }

    private static func first(_ values: [String?]) -> String? {
        values.lazy.compactMap { $0.flatMap(nonEmpty) }.first
    }

    private static func nonEmpty(_ text: String) -> String? {
        let cleaned = clean(text)
        return cleaned.isEmpty ? nil : cleaned
    }

    private static func clean(_ text: String) -> String {
        TextSpace.collapse(StoryText.removingControls(HTMLCharacterReferences.decoding(text)))
    }
}
