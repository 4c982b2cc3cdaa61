/// Removes the furniture that sits inside a story's container: headers with the title,
/// share bars, link lists, forms, image strips and embeds.
///
/// The tests are readability's "clean conditionally" rules, judged on the text statistics
/// of each container, plus a few of trafilatura's for link-heavy blocks.
struct BoilerplatePruner {
    let document: HTMLDocument
    let title: String?
    let weighClasses: Bool
    let site: String?

    static let shareWords = WordList(["share", "sharing", "social"])

    func prune(_ roots: [Int], scores: [Int: Double], stats: TextStatistics, excluded: inout [Bool]) {
        let titleKey = title.map(Self.key)
        for root in roots {
            var stack = Array(document[root].children.reversed())
            while let index = stack.popLast() {
                let node = document[index]
                if node.isText || excluded[index] { continue }
                if shouldRemove(index, scores: scores, stats: stats, titleKey: titleKey) {
                    excluded[index] = true
                    continue
                }
                stack.append(contentsOf: node.children.reversed())
            }
        }
    }

    private func shouldRemove(_ index: Int, scores: [Int: Double], stats: TextStatistics, titleKey: String?) -> Bool {
        let node = document[index]
        let length = stats.length[index]
        let weight = weighClasses ? ClassWeight.weight(node) : 0
        switch node.name {
        case "nav", "aside", "footer", "figcaption":
            return true
        case "header":
            return stats.paragraphs[index] <= 1 || stats.headingLength[index] > 0 && length < 600
        case "h1", "h2", "h3", "h4", "h5", "h6":
            if let titleKey, Self.key(document.text(of: index)) == titleKey { return true }
            if node.name == "h1" { return true }  // the page's own headline, shown as the title
            return weight < 0 || stats.linkDensity(index) > 0.5
        default:
            break
        }
        if length == 0 || EmbeddedPost.isEmbeddedPost(index, in: document) { return false }
        if length < 500, Self.shareWords.found(in: node.classAndID) { return true }
        if length < 1000, ClassWeight.isUnlikely(node), !ClassWeight.isArticleBody(node) { return true }
        if isCardInsideText(index, stats: stats) && !document[index].children.contains(where: {
            isCardInsideText($0, stats: stats)
        }) { return true }
        switch node.name {
        case "form", "fieldset", "table", "ul", "ol", "div", "section", "figure", "dl":
            return isMixedContent(index, weight: weight, scores: scores, stats: stats)
        default:
            return false
        }
    }

    /// readability's `_cleanConditionally`: a container of few words and many links,
    /// images, inputs or embeds is not story text.
    private func isMixedContent(_ index: Int, weight: Int, scores: [Int: Double], stats: TextStatistics) -> Bool {
        let node = document[index]
        let score = scores[index] ?? 0
        if Double(weight) + score < 0 { return true }
        let length = stats.length[index]
        let linkDensity = stats.linkDensity(index)
        let isList = node.name == "ul" || node.name == "ol"
            || length > 0 && Double(stats.listLength[index]) / Double(length) > 0.9
        // A list of links to the site's other pages is navigation or related stories; links
        // out (where to buy, sources) are part of the story.
        if isList && stats.listItems[index] >= 2 && linkDensity > 0.7 && mostLinksStayOnSite(index) { return true }
        if stats.commas[index] >= 10 { return false }
        let paragraphs = stats.paragraphs[index]
        let images = stats.images[index]
        let listItems = stats.listItems[index] - 100
        let inputs = stats.inputs[index]
        let embeds = stats.embeds[index]
        let headingDensity = length > 0 ? Double(stats.headingLength[index]) / Double(length) : 0
        let inFigure = node.name == "figure" || hasAncestor(index, named: "figure")
        if node.name == "table" && isDataTable(index, stats: stats) { return false }
        return images > 1 && Double(paragraphs) / Double(images) < 0.5 && !inFigure
            || !isList && listItems > paragraphs
            || inputs > paragraphs / 3
            || !isList && headingDensity < 0.9 && length < 25 && (images == 0 || images > 2) && !inFigure
            || !isList && weight < 25 && linkDensity > 0.2
            || weight >= 25 && linkDensity > 0.5
            || embeds == 1 && length < 75 || embeds > 1
    }

    /// A pop-up card hidden inside running text: a picture and several links within a paragraph.
    private func isCardInsideText(_ index: Int, stats: TextStatistics) -> Bool {
        let name = document[index].name
        guard name == "span" || name == "div", stats.images[index] > 0, stats.linkDensity(index) > 0.8,
              hasAncestor(index, named: "p") else { return false }
        return document.all(["a"], under: index).count >= 2
    }

    private func mostLinksStayOnSite(_ index: Int) -> Bool {
        let links = document.all(["a"], under: index).compactMap { document[$0].attribute("href") }
        guard !links.isEmpty else { return false }
        let onSite = links.filter { href in
            let lower = href.lowercased()
            guard lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("//") else { return true }
            let host = lower.split(separator: "/", omittingEmptySubsequences: true).dropFirst(lower.hasPrefix("//") ? 0 : 1)
                .first.map { String($0.split(separator: ":").first ?? $0) } ?? ""
            return site == nil || RelatedLinkFinder.siteName(host) == site
        }
        return onSite.count * 2 >= links.count
    }

    /// A table of data (rows of cells with text) rather than one used for layout.
    private func isDataTable(_ index: Int, stats: TextStatistics) -> Bool {
        let rows = document.all(["tr"], under: index).count
        return rows >= 3 && stats.linkDensity(index) < 0.3 && document.all(["table"], under: index).count == 1
    }

    private func hasAncestor(_ index: Int, named name: String) -> Bool {
        var current = document[index].parent
        var depth = 0
        while current > 0, depth < 8 {
            if document[current].name == name { return true }
            current = document[current].parent
            depth += 1
        }
        return false
    }

    /// Titles compare without case, punctuation or spacing.
    static func key(_ text: String) -> String {
        String(text.lowercased().unicodeScalars.filter { CharacterSetLike.isAlphanumeric($0) }.map(Character.init))
    }
}

/// Letters and digits, without Foundation's `CharacterSet`.
enum CharacterSetLike {
    static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }
}
