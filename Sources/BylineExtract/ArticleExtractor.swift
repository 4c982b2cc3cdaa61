import BylineCore
import FoundationEssentials

/// Extracts the readable story from a web page: its text without the page around it
/// (navigation, cookie notices, share bars, ads, comments, footers), its metadata, and the
/// links it offers to related stories.
///
/// Generic heuristics only, so it works on sites it has never seen: metadata from JSON-LD
/// and `<meta>`, the body by scoring containers on their paragraphs (`ArticleBodyFinder`),
/// looser passes when a strict one finds too little, and the JSON-LD `articleBody` when
/// the page's markup yields much less than it.
public enum ArticleExtractor {
    /// A strict pass finding fewer characters than this is retried more loosely.
    static let enoughText = 500

    /// Why `data` is not a web page at all, when a NUL byte shows it is binary (an image,
    /// an archive): said in one line instead of extracting mojibake. UTF-16 pages, which
    /// are full of NULs, start with a byte-order mark and pass.
    public static func binaryProblem(_ data: Data) -> String? {
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) { return nil }
        // Binary formats show it at once; a stray NUL deep in a page does not make it one.
        let head = Array(data.prefix(4096))
        guard let nul = head.firstIndex(of: 0) else { return nil }
        // UTF-16 without a byte-order mark: one byte of every pair is NUL, the other never.
        let even = stride(from: 0, to: head.count, by: 2).filter { head[$0] == 0 }.count
        let odd = stride(from: 1, to: head.count, by: 2).filter { head[$0] == 0 }.count
        if min(even, odd) == 0 && max(even, odd) * 4 > head.count { return nil }
        return "a NUL byte at byte \(nul): this looks like a binary file, not a web page"
    }

    public static func extract(html: Data, url: URL?, contentType: String? = nil) -> ExtractedArticle {
        extract(document: HTMLDocument(data: html, contentType: contentType), url: url)
    }

    public static func extract(html: String, url: URL?) -> ExtractedArticle {
        extract(document: HTMLDocument(html: html), url: url)
    }

    static func extract(document: HTMLDocument, url: URL?) -> ExtractedArticle {
        let metadata = ArticleMetadata(document, url: url)
        let base = baseURL(document, pageURL: url)
        let relatedFinder = RelatedLinkFinder(document: document, pageURL: url, baseURL: base)
        let relatedSections = relatedFinder.sections()
        var (blocks, links) = body(
            document, title: metadata.title, baseURL: base, furniture: linkLists(relatedSections, in: document))
        if let jsonBody = metadata.jsonBody, prefersJSONBody(jsonBody, over: blocks) {
            blocks = jsonBlocks(jsonBody, baseURL: base)
            links = []
        }
        blocks = withoutLeadingTitle(blocks, title: metadata.title)
        let (story, readMore) = StoryPromotions.separate(blocks)
        // A "By …" line trimmed from the top names the author when the metadata did not.
        let author = metadata.author ?? StoryEdges.bylineAuthor(story)
        blocks = StoryEdges.trimmed(story)
        let related = relatedFinder.links(in: relatedSections)
        // A placeholder date (year 1, the Unix epoch) says nothing.
        let parsed = metadata.published.flatMap(StoryDate.parse)
        let isPlaceholder = parsed.map { $0.timeIntervalSince1970 <= 86_400 } ?? false
        let date = isPlaceholder ? nil : parsed
        // Page text is untrusted: every field that reaches a story file is cleaned here,
        // once, whichever path (markup, JSON-LD, meta tags) it came by.
        return ExtractedArticle(
            title: clean(metadata.title), author: clean(author),
            published: isPlaceholder ? nil : clean(metadata.published),
            publishedDate: date, blocks: blocks.map(clean), links: links.map(clean),
            related: unique(readMore + related).map(clean), siteName: clean(metadata.siteName),
            language: clean(metadata.language), summary: clean(metadata.summary), image: clean(metadata.image))
    }

    private static func clean(_ text: String?) -> String? {
        text.map { StoryText.removingControls($0) }
    }

    private static func clean(_ link: RelatedLink) -> RelatedLink {
        RelatedLink(title: StoryText.removingControls(link.title), url: clean(link.url))
    }

    private static func clean(_ block: StoryBlock) -> StoryBlock {
        switch block {
        case .paragraph(let text): .paragraph(StoryText.removingControls(text))
        case .subheading(let text): .subheading(StoryText.removingControls(text))
        case .quote(let text): .quote(StoryText.removingControls(text))
        case .listItem(let text, let ordinal): .listItem(StoryText.removingControls(text), ordinal: ordinal)
        case .readMore(let link): .readMore(clean(link))
        case .preformatted(let text): .preformatted(StoryText.removingControls(text))
        case .image(let alt, let url): .image(alt: StoryText.removingControls(alt), url: clean(url))
        }
    }

    // MARK: - The body

    private static func body(
        _ document: HTMLDocument, title: String?, baseURL: URL?, furniture: [Int]
    ) -> ([StoryBlock], [RelatedLink]) {
        let site = baseURL?.host.map { RelatedLinkFinder.siteName($0.lowercased()) }
        let finder = ArticleBodyFinder(document: document, title: title, furniture: furniture, site: site)
        var best: ArticleBodyFinder.Result?
        for pass in ArticleBodyFinder.Pass.all {
            guard let result = finder.find(pass) else { continue }
            if result.textLength > (best?.textLength ?? -1) { best = result }
            if result.textLength >= enoughText { break }
        }
        guard let best, best.textLength > 0 else {
            // Too little text to score: a short page or fragment is all story.
            var builder = StoryBodyBuilder(document: document, baseURL: baseURL)
            builder.add(document.first("body") ?? HTMLDocument.root)
            return (builder.blocks, builder.links)
        }
        var builder = StoryBodyBuilder(document: document, baseURL: baseURL, isExcluded: { best.excluded[$0] })
        for root in best.roots { builder.add(root) }
        return (builder.blocks, builder.links)
    }

    /// The JSON-LD body wins when the markup gave much less text (a page that fills its
    /// story in by script, or hides it in an unusual structure).
    private static func prefersJSONBody(_ jsonBody: String, over blocks: [StoryBlock]) -> Bool {
        let markupLength = HTMLStoryText.plainText(blocks).count
        let jsonLength = jsonBody.count
        return jsonLength > 200 && Double(markupLength) < Double(jsonLength) * 0.6
    }

    private static func jsonBlocks(_ body: String, baseURL: URL?) -> [StoryBlock] {
        if body.contains("<") && body.contains(">") {
            return HTMLStoryText.blocks(fromHTML: body, baseURL: baseURL)
        }
        return body.split(whereSeparator: { $0 == "\n" || $0 == "\r" })
            .map { TextSpace.collapse(StoryText.removingControls(String($0))) }
            .filter { !$0.isEmpty }
            // Plain text: its asterisks stay asterisks.
            .map { StoryBlock.paragraph(InlineText.escaped($0)) }
    }

    /// The headline is the story's title, not the first line of its body.
    private static func withoutLeadingTitle(_ blocks: [StoryBlock], title: String?) -> [StoryBlock] {
        guard let title, let first = blocks.first else { return blocks }
        let text: String
        switch first {
        case .subheading(let s), .paragraph(let s): text = InlineText.plain(s)
        default: return blocks
        }
        return BoilerplatePruner.key(text) == BoilerplatePruner.key(title) ? Array(blocks.dropFirst()) : blocks
    }

    // MARK: - Links

    /// Related-story sections that are mostly links: never part of the story's text.
    private static func linkLists(_ sections: [Int], in document: HTMLDocument) -> [Int] {
        guard !sections.isEmpty else { return [] }
        let stats = TextStatistics(document, excluded: Array(repeating: false, count: document.nodes.count))
        return sections.filter { stats.linkDensity($0) > 0.5 || stats.length[$0] < 200 }
    }

    private static func baseURL(_ document: HTMLDocument, pageURL: URL?) -> URL? {
        guard let base = document.first("base").flatMap({ document[$0].attribute("href") }),
              let resolved = LinkTarget.resolve(base, against: pageURL) else { return pageURL }
        return URL(string: resolved) ?? pageURL
    }

    private static func unique(_ links: [RelatedLink]) -> [RelatedLink] {
        var seen = Set<String>()
        return links.filter { seen.insert($0.url ?? $0.title).inserted }
    }
}
