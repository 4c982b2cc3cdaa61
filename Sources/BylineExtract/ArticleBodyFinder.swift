/// Finds the story's own text in a whole page by scoring containers on the paragraphs they hold.
///
/// The method is readability's: every paragraph-like element scores by its length and
/// commas and passes the score up to its ancestors; the container with the best score,
/// discounted by how much of it is link text, holds the story; siblings that look like more
/// of it join; then mixed containers inside (link lists, forms, image strips) are pruned.
struct ArticleBodyFinder {
    /// The stricter passes drop more furniture; a looser pass runs when one finds too little.
    struct Pass: Sendable {
        var dropUnlikely = true
        var weighClasses = true
        var pruneMixed = true

        static let all: [Pass] = [
            Pass(), Pass(dropUnlikely: false), Pass(dropUnlikely: false, weighClasses: false),
            Pass(dropUnlikely: false, weighClasses: false, pruneMixed: false),
        ]
    }

    /// What a pass found: the containers holding the story, and nodes to leave out inside them.
    struct Result {
        var roots: [Int]
        var excluded: [Bool]
        var textLength: Int
    }

    let document: HTMLDocument
    let title: String?
    /// Parts of the page already known not to be the story (related-story sections).
    var furniture: [Int] = []
    /// The page's site (`example.co.uk`), to tell links to its other pages from links out.
    var site: String?

    func find(_ pass: Pass) -> Result? {
        var excluded = initialExclusions(pass)
        var stats = TextStatistics(document, excluded: excluded)
        var scores = scoreCandidates(stats: stats, excluded: excluded, pass: pass)
        guard let best = bestCandidate(scores: scores, stats: stats) else { return nil }
        let top = withDistantParts(of: best, scores: scores, stats: stats)
        let roots = withSiblings(of: top, scores: &scores, stats: stats, excluded: excluded, pass: pass)
        if pass.pruneMixed {
            BoilerplatePruner(document: document, title: title, weighClasses: pass.weighClasses, site: site)
                .prune(roots, scores: scores, stats: stats, excluded: &excluded)
            stats = TextStatistics(document, excluded: excluded)
        }
        let length = roots.reduce(0) { $0 + stats.length[$1] }
        return Result(roots: roots, excluded: excluded, textLength: length)
    }

    // MARK: - Before scoring

    private func initialExclusions(_ pass: Pass) -> [Bool] {
        var excluded = Array(repeating: false, count: document.nodes.count)
        for index in furniture { excluded[index] = true }
        var stack = [HTMLDocument.root]
        while let index = stack.popLast() {
            let node = document[index]
            if node.isText { continue }
            if index != HTMLDocument.root,
               HiddenContent.isHiddenOrInert(node, in: document, index: index)
                || pass.dropUnlikely && isUnlikely(node, index: index) {
                excluded[index] = true
                continue
            }
            stack.append(contentsOf: node.children)
        }
        return excluded
    }

    private func isUnlikely(_ node: HTMLDocument.Node, index: Int) -> Bool {
        switch node.name {
        case "body", "html", "a", "main", "article", "table", "tbody", "tr", "td", "th", "code", "pre": return false
        case "nav", "aside", "footer", "figcaption": return true
        default:
            return ClassWeight.isUnlikely(node) && !ClassWeight.isArticleBody(node)
                && !EmbeddedPost.isEmbeddedPost(index, in: document)
        }
    }

    // MARK: - Scoring

    private func scoreCandidates(stats: TextStatistics, excluded: [Bool], pass: Pass) -> [Int: Double] {
        var scores: [Int: Double] = [:]
        for index in 1..<document.nodes.count where !excluded[index] && isParagraphLike(index, stats: stats) {
            let length = paragraphLength(index, stats: stats)
            guard length >= 25, !isExcludedAbove(index, excluded) else { continue }
            let score = 1 + Double(paragraphCommas(index, stats: stats)) + Double(min(length / 100, 3))
            // A container's own text counts as a paragraph inside it.
            var ancestor = isTextRunHolder(index, stats: stats) ? index : document[index].parent
            var level = 0
            while ancestor > 0, level < 5 {
                let node = document[ancestor]
                if node.name == "html" || node.name == "#document" { break }
                if scores[ancestor] == nil { scores[ancestor] = initialScore(node, pass: pass) }
                let divider = level == 0 ? 1.0 : level == 1 ? 2.0 : Double(level * 3)
                scores[ancestor, default: 0] += score / divider
                ancestor = node.parent
                level += 1
            }
        }
        for (index, score) in scores { scores[index] = score * (1 - stats.linkDensity(index)) }
        return scores
    }

    /// `p`, `pre` and `td`, and containers holding only inline content (a `div` used as a paragraph).
    private func isParagraphLike(_ index: Int, stats: TextStatistics) -> Bool {
        let node = document[index]
        switch node.name {
        case "p", "pre", "td": return true
        case "div", "section", "article", "span", "font", "center", "blockquote", "dd": return isTextRunHolder(index, stats: stats)
        default: return false
        }
    }

    /// A container whose own text (not that of its block children) is a paragraph's worth.
    private func isTextRunHolder(_ index: Int, stats: TextStatistics) -> Bool {
        let name = document[index].name
        return stats.directLength[index] >= 25 && name != "p" && name != "pre" && name != "td"
    }

    private func paragraphLength(_ index: Int, stats: TextStatistics) -> Int {
        guard isTextRunHolder(index, stats: stats) else { return stats.length[index] }
        return document[index].children.reduce(0) { total, child in
            let node = document[child]
            return total + (node.isText || !HTMLVocabulary.blocks.contains(node.name) ? stats.length[child] : 0)
        }
    }

    private func paragraphCommas(_ index: Int, stats: TextStatistics) -> Int {
        guard isTextRunHolder(index, stats: stats) else { return stats.commas[index] }
        return document[index].children.reduce(0) { total, child in
            let node = document[child]
            return total + (node.isText || !HTMLVocabulary.blocks.contains(node.name) ? stats.commas[child] : 0)
        }
    }

    private func isExcludedAbove(_ index: Int, _ excluded: [Bool]) -> Bool {
        var current = document[index].parent
        while current > 0 {
            if excluded[current] { return true }
            current = document[current].parent
        }
        return false
    }

    private func initialScore(_ node: HTMLDocument.Node, pass: Pass) -> Double {
        var score: Double
        switch node.name {
        case "div", "article", "main", "section": score = 5
        case "pre", "td", "blockquote": score = 3
        case "address", "ol", "ul", "dl", "dd", "dt", "li", "form": score = -3
        case "h1", "h2", "h3", "h4", "h5", "h6", "th": score = -5
        default: score = 0
        }
        if pass.weighClasses { score += Double(ClassWeight.weight(node)) }
        return score
    }

    // MARK: - Choosing

    private func bestCandidate(scores: [Int: Double], stats: TextStatistics) -> Int? {
        guard var top = scores.max(by: { $0.value < $1.value || $0.value == $1.value && $0.key > $1.key })?.key
        else { return nil }
        // A parent scoring better than its best child, or close to it, holds more of the story.
        var lastScore = scores[top] ?? 0
        let threshold = lastScore / 3
        var parent = document[top].parent
        while parent > 0, document[parent].name != "body", document[parent].name != "html" {
            guard let parentScore = scores[parent] else { parent = document[parent].parent; continue }
            if parentScore < threshold { break }
            if parentScore > lastScore { top = parent; break }
            lastScore = parentScore
            parent = document[parent].parent
        }
        // An only child says no more than its parent.
        while document[top].parent > 0, document[document[top].parent].name != "body",
              document[document[top].parent].children.filter({ !document[$0].isText || stats.length[$0] > 0 }).count == 1 {
            top = document[top].parent
        }
        return top
    }

    /// A story split into parts at different depths (a lead section, then the rest after a
    /// full-width picture) is held by their common ancestor, when that holds little else.
    private func withDistantParts(of top: Int, scores: [Int: Double], stats: TextStatistics) -> Int {
        guard let bestScore = scores.values.max(), bestScore > 0 else { return top }
        let candidates = scores.filter { $0.value >= bestScore * 0.3 && stats.paragraphs[$0.key] >= 3 }.sorted {
            $0.value > $1.value || $0.value == $1.value && $0.key < $1.key
        }
        var parts = [top]
        for (candidate, _) in candidates where !parts.contains(where: {
            document.isInside(candidate, $0) || document.isInside($0, candidate)
        }) {
            parts.append(candidate)
        }
        var result = top
        for part in parts.dropFirst() where !document.isInside(part, result) {
            guard let common = commonAncestor(result, part) else { continue }
            let name = document[common].name
            guard name != "body", name != "html" else { continue }
            let covered = parts.filter { document.isInside($0, common) }.reduce(0) { $0 + stats.length[$1] }
            if Double(stats.length[common]) <= Double(covered) * 1.2 && stats.linkDensity(common) < 0.25 {
                result = common
            }
        }
        return result
    }

    private func commonAncestor(_ a: Int, _ b: Int) -> Int? {
        var ancestors = Set<Int>()
        var current = a
        while current > 0 { ancestors.insert(current); current = document[current].parent }
        current = b
        while current > 0 {
            if ancestors.contains(current) { return current }
            current = document[current].parent
        }
        return nil
    }

    /// The top container and those of its siblings that look like more of the story.
    private func withSiblings(
        of top: Int, scores: inout [Int: Double], stats: TextStatistics, excluded: [Bool], pass: Pass
    ) -> [Int] {
        let parent = document[top].parent
        guard parent > 0 else { return [top] }
        let topScore = scores[top] ?? 0
        let threshold = max(10, topScore * 0.2)
        let topClass = document[top].attributes["class"] ?? ""
        var roots: [Int] = []
        for sibling in document[parent].children where !excluded[sibling] {
            if sibling == top { roots.append(sibling); continue }
            let node = document[sibling]
            if node.isText { continue }
            var bonus = 0.0
            if !topClass.isEmpty, node.attributes["class"] == topClass { bonus += topScore * 0.2 }
            if let score = scores[sibling], score + bonus >= threshold {
                roots.append(sibling)
            } else if node.name == "p" || isTextRunHolder(sibling, stats: stats) {
                let length = stats.length[sibling]
                let density = stats.linkDensity(sibling)
                let text = length > 0 && length < 80 ? document.text(of: sibling) : ""
                if length > 80 && density < 0.25 {
                    roots.append(sibling)
                } else if length > 0 && length < 80 && density == 0 && (text.hasSuffix(".") || text.contains(". ")) {
                    roots.append(sibling)
                }
            }
        }
        return roots
    }
}
