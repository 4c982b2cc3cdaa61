import BylineCore
import FoundationEssentials

/// Turns part of an `HTMLDocument` into story blocks: paragraphs, subheadings, quotes,
/// list items and `READ MORE` lines, with inline links kept as `InlineText` markup.
///
/// Block elements end a paragraph and inline ones run on, as a browser lays them out.
/// Only text reaches the blocks: no markup, attributes or event handlers, and no content of
/// scripts, styles, embedded objects or forms. Links keep only resolved http(s) targets.
struct StoryBodyBuilder {
    let document: HTMLDocument
    let baseURL: URL?
    /// Nodes the caller has judged boilerplate; they and their content are left out.
    var isExcluded: (Int) -> Bool = { _ in false }

    private(set) var blocks: [StoryBlock] = []
    /// Links written inline in the blocks, in order.
    private(set) var links: [RelatedLink] = []

    private enum Context {
        case paragraph, heading, quote
        case list(ordered: Bool, next: Int)
        case item(ordinal: Int?, written: Bool)
    }

    private var contexts: [Context] = [.paragraph]
    private var buffer = ""
    private var pendingSpace = false
    private var preformatted = 0
    private var inLink = false
    /// Whether whitespace came before the first character of the buffer (and so was not written).
    private var droppedLeadingSpace = false

    init(document: HTMLDocument, baseURL: URL?, isExcluded: @escaping (Int) -> Bool = { _ in false }) {
        self.document = document
        self.baseURL = baseURL
        self.isExcluded = isExcluded
    }

    /// Adds the blocks of `node` and everything inside it.
    mutating func add(_ node: Int) {
        walk(node, depth: 0)
        flush()
    }

    // MARK: - Walking

    private mutating func walk(_ index: Int, depth: Int) {
        let node = document[index]
        if node.isText {
            appendText(node.text)
            return
        }
        guard depth < 600, !isExcluded(index), !HiddenContent.isHiddenOrInert(node, in: document, index: index) else { return }
        let name = node.name
        switch name {
        case "br":
            if preformatted > 0 { flushPreformattedLine() } else { flush() }
        case "a" where !inLink:
            walkLink(index, depth: depth)
        case "td", "th", "dt", "dd":
            pendingSpace = !buffer.isEmpty
            walkChildren(index, depth: depth)
            pendingSpace = !buffer.isEmpty
        case "h1", "h2", "h3", "h4", "h5", "h6":
            block(index, depth: depth, context: .heading)
        case "blockquote":
            block(index, depth: depth, context: .quote)
        case "ul", "ol", "menu", "dir":
            let start = node.attribute("start").flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } ?? 1
            block(index, depth: depth, context: .list(ordered: name == "ol", next: start))
        case "li":
            block(index, depth: depth, context: .item(ordinal: nextOrdinal(), written: false))
        case "pre", "listing", "xmp", "plaintext":
            flush()
            preformatted += 1
            walkChildren(index, depth: depth)
            flushPreformattedLine()
            preformatted -= 1
        default:
            if HTMLVocabulary.blocks.contains(name) {
                flush()
                walkChildren(index, depth: depth)
                flush()
            } else {
                walkChildren(index, depth: depth)
            }
        }
    }

    private mutating func walkChildren(_ index: Int, depth: Int) {
        for child in document[index].children { walk(child, depth: depth + 1) }
    }

    private mutating func block(_ index: Int, depth: Int, context: Context) {
        flush()
        contexts.append(context)
        walkChildren(index, depth: depth)
        flush()
        contexts.removeLast()
    }

    /// A link becomes `[text](url)` when its target is a web address; a link wrapping
    /// whole blocks (a story card) is walked as ordinary content.
    private mutating func walkLink(_ index: Int, depth: Int) {
        let url = document[index].attribute("href").flatMap { LinkTarget.resolve($0, against: baseURL) }
        guard let url, !containsBlocks(index) else {
            walkChildren(index, depth: depth)
            return
        }
        let outer = buffer
        let outerSpace = pendingSpace
        buffer = ""
        pendingSpace = false
        droppedLeadingSpace = false
        inLink = true
        walkChildren(index, depth: depth)
        inLink = false
        let text = buffer
        let trailingSpace = pendingSpace
        buffer = outer
        pendingSpace = outerSpace || droppedLeadingSpace
        guard !text.isEmpty else {
            pendingSpace = pendingSpace || trailingSpace
            return
        }
        if pendingSpace && !buffer.isEmpty { buffer.append(" ") }
        pendingSpace = trailingSpace
        if allowsLinks {
            buffer += InlineText.markup(text: text, url: url)
            links.append(RelatedLink(title: text, url: url))
        } else {
            buffer += text
        }
    }

    private func containsBlocks(_ index: Int) -> Bool {
        var stack = document[index].children
        while let i = stack.popLast() {
            let name = document[i].name
            if HTMLVocabulary.blocks.contains(name) && name != "li" || name == "br" { return true }
            stack.append(contentsOf: document[i].children)
        }
        return false
    }

    // MARK: - Text

    private mutating func appendText(_ raw: String) {
        let text = StoryText.removingControls(raw)
        if preformatted > 0 {
            for s in text.unicodeScalars {
                if s == "\n" { flushPreformattedLine() } else { buffer.unicodeScalars.append(s == "\t" ? " " : s) }
            }
            return
        }
        // Whole words at a time: appending scalar by scalar costs more than parsing the page.
        for word in TextSpace.words(text) {
            if word.isEmpty {
                pendingSpace = true
                continue
            }
            if pendingSpace && buffer.isEmpty { droppedLeadingSpace = true }
            if pendingSpace && !buffer.isEmpty { buffer.append(" ") }
            pendingSpace = false
            buffer += word
        }
    }

    private mutating func flushPreformattedLine() {
        let line = buffer.trimmingCharacters(in: .whitespaces)
        buffer = ""
        if !line.isEmpty { emit(line) }
    }

    private mutating func flush() {
        let text = buffer
        buffer = ""
        pendingSpace = false
        if !text.isEmpty { emit(text) }
    }

    private mutating func emit(_ text: String) {
        let plain = InlineText.plain(text)
        guard TextSpace.hasText(plain), !HiddenContent.looksLikeData(plain) else { return }
        for position in contexts.indices.reversed() {
            switch contexts[position] {
            case .heading:
                blocks.append(.subheading(plain))
                return
            case .quote:
                blocks.append(.quote(plain))
                return
            case .item(let ordinal, let written):
                blocks.append(written ? .paragraph(text) : .listItem(text, ordinal: ordinal))
                contexts[position] = .item(ordinal: ordinal, written: true)
                return
            case .paragraph, .list:
                continue
            }
        }
        blocks.append(ReadMoreLine.block(for: text) ?? .paragraph(text))
    }

    /// Headings and quotes are written as plain text in story files.
    private var allowsLinks: Bool {
        for context in contexts.reversed() {
            switch context {
            case .heading, .quote: return false
            case .item, .paragraph: return true
            case .list: continue
            }
        }
        return true
    }

    private mutating func nextOrdinal() -> Int? {
        for position in contexts.indices.reversed() {
            if case .list(let ordered, let next) = contexts[position] {
                contexts[position] = .list(ordered: ordered, next: next + 1)
                return ordered ? next : nil
            }
        }
        return nil
    }
}
