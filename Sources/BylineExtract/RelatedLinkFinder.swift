import BylineCore
import FoundationEssentials

/// Finds links to other stories that a page offers as related: "Related", "Read more",
/// "More stories" sections and the like, anywhere on the page.
struct RelatedLinkFinder {
    let document: HTMLDocument
    let pageURL: URL?
    let baseURL: URL?

    /// Words in a section's class or id, or in its heading, that announce related stories.
    static let sectionWords = WordList([
        "related", "read-more", "readmore", "read more", "more-stories", "more stories", "more-from", "more from",
        "recommended", "recommend", "also-read", "also read", "read next", "read-next", "see also", "you may also",
        "you might also", "more on this", "more-on", "further reading", "recirc", "more in", "more like this",
        "latest stories", "more news", "top stories",
    ])

    static let maximum = 20

    func find() -> [RelatedLink] {
        links(in: sections())
    }

    func links(in sections: [Int]) -> [RelatedLink] {
        var links: [RelatedLink] = []
        var seen = Set<String>()
        if let page = pageURL?.absoluteString { seen.insert(Self.withoutFragment(page)) }
        for section in sections {
            for anchor in document.all(["a"], under: section) {
                guard let href = document[anchor].attribute("href"),
                      let url = LinkTarget.resolve(href, against: baseURL), isSameSite(url), Self.looksLikeStory(url)
                else { continue }
                let title = Self.title(of: anchor, in: document)
                guard title.count >= 15, title.split(separator: " ").count >= 3,
                      seen.insert(Self.withoutFragment(url)).inserted else { continue }
                links.append(RelatedLink(title: title, url: url))
                if links.count >= Self.maximum { return links }
            }
        }
        return links
    }

    /// A story card's headline: its heading, else its longest run of text (cards also hold
    /// times, comment counts and section names).
    static func title(of anchor: Int, in document: HTMLDocument) -> String {
        if let heading = document.all(["h1", "h2", "h3", "h4", "h5", "h6"], under: anchor).first {
            return document.text(of: heading)
        }
        let whole = document.text(of: anchor)
        var longest = ""
        var stack = [anchor]
        while let index = stack.popLast() {
            let node = document[index]
            if node.isText {
                let text = TextSpace.collapse(node.text)
                if text.count > longest.count { longest = text }
            } else if !HTMLVocabulary.neverText.contains(node.name) {
                stack.append(contentsOf: node.children)
            }
        }
        return longest.count >= 15 ? longest : whole
    }

    /// Containers named or headed like a related-stories section, outermost only.
    func sections() -> [Int] {
        var found: [Int] = []
        var stack = [HTMLDocument.root]
        while let index = stack.popLast() {
            let node = document[index]
            if node.isText || HTMLVocabulary.neverText.contains(node.name) { continue }
            if index != HTMLDocument.root, isRelatedSection(index) {
                found.append(index)
                continue
            }
            stack.append(contentsOf: node.children.reversed())
        }
        return found
    }

    private func isRelatedSection(_ index: Int) -> Bool {
        let node = document[index]
        guard ["div", "section", "aside", "ul", "ol", "nav", "footer"].contains(node.name) else { return false }
        if Self.sectionWords.found(in: node.classAndID) { return true }
        // A heading as the first thing in the container names it.
        guard let heading = node.children.prefix(3).first(where: { child in
            let name = document[child].name
            return HTMLVocabulary.headingLevel(name) != nil || name == "header"
        }) else { return false }
        let text = document.text(of: heading).lowercased()
        return text.count < 60 && Self.sectionWords.found(in: text)
    }

    /// Story addresses carry a slug or a number (`/2024/05/river-floods`), unlike section
    /// fronts, quote pages and tag lists (`/quotes?symbol=X`, `/world`).
    static func looksLikeStory(_ url: String) -> Bool {
        guard let path = URL(string: url)?.path, path.count >= 12 else { return false }
        return path.contains(where: { $0 == "-" || $0 == "_" || $0.isNumber })
    }

    private func isSameSite(_ url: String) -> Bool {
        guard let pageHost = pageURL?.host?.lowercased() else { return true }
        guard let host = URL(string: url)?.host?.lowercased() else { return false }
        return Self.siteName(host) == Self.siteName(pageHost)
    }

    /// The last two labels of a host (three when the second is short, as in `co.uk`).
    static func siteName(_ host: String) -> String {
        let labels = host.split(separator: ".")
        guard labels.count > 2 else { return host }
        let keep = labels[labels.count - 2].count <= 3 && labels.last?.count == 2 ? 3 : 2
        return labels.suffix(keep).joined(separator: ".")
    }

    private static func withoutFragment(_ url: String) -> String {
        url.split(separator: "#", maxSplits: 1).first.map(String.init) ?? url
    }
}
