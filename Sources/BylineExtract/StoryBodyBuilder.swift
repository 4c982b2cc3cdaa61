import BylineCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FoundationEssentials

/// Turns part of an `HTMLDocument` into story blocks: paragraphs, subheadings, quotes,
/// list items, `READ MORE` lines, preformatted blocks and images, with inline links, bold
/// and italic kept as `InlineText` markup.
///
/// `<pre>` (and a `<code>` that stands as a block of several lines) keeps its lines and
/// spaces, tabs set to 8-column stops; `<b>`/`<strong>` and `<i>`/`<em>` become `**`/`*`
/// where the story-file rule will read them back (see `EmphasisMarkers`); an `<img>`
/// becomes an image line after the paragraph it stood in (see `StoryImage`). Asterisks in
/// the page's own text are escaped, so they read as written.
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
    /// Finished lines of the preformatted block being read.
    private var preformattedLines: [String] = []
    private var inLink = false
    private var inEmphasis = false
    /// Image lines met inside a paragraph, written after it.
    private var pendingImages: [StoryBlock] = []
    /// Figure captions already used as an image's words, not repeated as paragraphs.
    private var usedCaptions: Set<Int> = []
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
        let name = node.name
        if name == "img" || name == "picture" {
            // The body finder counts an image as never text and so marks it excluded; one
            // met here is inside a kept container, and stays unless hidden or furniture.
            if depth < 600, !HiddenContent.isHidden(node), !ClassWeight.isUnlikely(node), !StoryImage.isDecoration(node) {
                addImage(index)
            }
            return
        }
        guard depth < 600, !isExcluded(index), !usedCaptions.contains(index),
              !HiddenContent.isHiddenOrInert(node, in: document, index: index) else { return }
        switch name {
        case "br":
            if preformatted > 0 { endPreformattedLine() } else { flush() }
        case "a" where !inLink && preformatted == 0:
            walkLink(index, depth: depth)
        case "b", "strong":
            walkEmphasis(index, depth: depth, .bold)
        case "i", "em":
            walkEmphasis(index, depth: depth, .italic)
        case "code" where preformatted == 0 && buffer.isEmpty && isCodeBlock(index):
            walkPreformatted(index, depth: depth)
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
            walkPreformatted(index, depth: depth)
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
        inLink = true
        let text = inlineText(of: index, depth: depth)
        inLink = false
        guard let text else { return }
        if allowsLinks {
            buffer += InlineText.markup(text: text, url: url)
            links.append(RelatedLink(title: InlineText.plain(text), url: url))
        } else {
            buffer += text
        }
    }

    /// The text of an inline element's children, walked into a buffer of its own so the
    /// caller can wrap it; the spaces around it are settled as if it ran on. Nil when it
    /// has no text.
    private mutating func inlineText(of index: Int, depth: Int) -> String? {
        let outer = buffer
        let outerSpace = pendingSpace
        buffer = ""
        pendingSpace = false
        droppedLeadingSpace = false
        walkChildren(index, depth: depth)
        let text = buffer
        let trailingSpace = pendingSpace
        buffer = outer
        pendingSpace = outerSpace || droppedLeadingSpace
        guard !text.isEmpty else {
            pendingSpace = pendingSpace || trailingSpace
            return nil
        }
        if pendingSpace && !buffer.isEmpty { buffer.append(" ") }
        pendingSpace = trailingSpace
        return text
    }

    /// Bold or italic words: marked for `EmphasisMarkers` to write or drop when the
    /// paragraph ends. Only the outermost emphasis is kept, and none that would hold a link
    /// or a block (`**` cannot span them).
    private mutating func walkEmphasis(_ index: Int, depth: Int, _ emphasis: Emphasis) {
        guard preformatted == 0, !inLink, !inEmphasis, allowsEmphasis, !containsBlocks(index) else {
            walkChildren(index, depth: depth)
            return
        }
        let (open, close) = EmphasisMarkers.markers(emphasis)
        // `<b>one</b><b>two</b>` is one span: a closing marker right before joins it.
        if !pendingSpace, buffer.unicodeScalars.last == close {
            buffer.unicodeScalars.removeLast()
            inEmphasis = true
            walkChildren(index, depth: depth)
            inEmphasis = false
            buffer.unicodeScalars.append(close)
            return
        }
        inEmphasis = true
        let text = inlineText(of: index, depth: depth)
        inEmphasis = false
        guard let text else { return }
        if text.contains("](") {
            buffer += text
        } else {
            buffer.unicodeScalars.append(open)
            buffer += text
            buffer.unicodeScalars.append(close)
        }
    }

    // MARK: - Preformatted text

    /// A `<code>` standing as a block: its text runs over several lines.
    private func isCodeBlock(_ index: Int) -> Bool {
        var stack = [index]
        while let i = stack.popLast() {
            if document[i].isText, document[i].text.contains("\n") { return true }
            stack.append(contentsOf: document[i].children)
        }
        return false
    }

    /// Lines kept as they are, into one preformatted block.
    private mutating func walkPreformatted(_ index: Int, depth: Int) {
        guard preformatted == 0 else {
            walkChildren(index, depth: depth)
            return
        }
        flush()
        preformatted += 1
        walkChildren(index, depth: depth)
        preformatted -= 1
        endPreformattedLine()
        var lines = preformattedLines.map { String($0.trimmingCharacters(in: .whitespaces).isEmpty ? "" : $0) }
        preformattedLines = []
        while lines.first?.isEmpty == true { lines.removeFirst() }
        while lines.last?.isEmpty == true { lines.removeLast() }
        if !lines.isEmpty { blocks.append(.preformatted(lines.joined(separator: "\n"))) }
        emitPendingImages()
    }

    /// Ends a line of preformatted text, without its trailing spaces.
    private mutating func endPreformattedLine() {
        var line = buffer
        buffer = ""
        while let last = line.unicodeScalars.last, last == " " { line.unicodeScalars.removeLast() }
        preformattedLines.append(line)
    }

    // MARK: - Images

    private mutating func addImage(_ index: Int) {
        switch StoryImage.outcome(index, in: document, baseURL: baseURL) {
        case .text(let text)?:
            appendText(text)
        case .image(let alt, let url)?:
            if let caption = StoryImage.captionNode(of: index, in: document), alt == StoryImage.words(document.text(of: caption)) {
                usedCaptions.insert(caption)
            }
            pendingImages.append(.image(alt: alt, url: url))
            // Between paragraphs it goes in at once; inside one, after it.
            if buffer.isEmpty && preformatted == 0 && !inLink && !inEmphasis { emitPendingImages() }
        case nil:
            break
        }
    }

    private mutating func emitPendingImages() {
        blocks.append(contentsOf: pendingImages)
        pendingImages = []
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
        let text = EmphasisMarkers.removingMarkers(StoryText.removingControls(raw))
        if preformatted > 0 {
            for s in text.unicodeScalars {
                if s == "\n" {
                    endPreformattedLine()
                } else if s == "\t" {
                    // To the next 8-column stop, as a browser sets a tab in <pre>.
                    let column = buffer.unicodeScalars.count
                    buffer += String(repeating: " ", count: 8 - column % 8)
                } else {
                    buffer.unicodeScalars.append(s)
                }
            }
            return
        }
        // Without asterisks there is nothing to escape: stretches of words go in whole.
        let hasAsterisk = text.utf8.withContiguousStorageIfAvailable { buffer in
            buffer.baseAddress.map { memchr($0, Int32(UInt8(ascii: "*")), buffer.count) != nil } ?? false
        } ?? text.utf8.contains(UInt8(ascii: "*"))
        guard hasAsterisk else {
            appendWords(text)
            return
        }
        // Whole words at a time: appending scalar by scalar costs more than parsing the page.
        let words = TextSpace.words(text)
        for (position, word) in words.enumerated() {
            if word.isEmpty {
                pendingSpace = true
                continue
            }
            if pendingSpace && buffer.isEmpty { droppedLeadingSpace = true }
            let spaceBefore = pendingSpace || position > 0 || buffer.isEmpty
            if pendingSpace && !buffer.isEmpty { buffer.append(" ") }
            pendingSpace = false
            // The page's own asterisks stay asterisks, not emphasis; one standing between
            // spaces ("5 * 3") cannot be read as emphasis and stays as it is.
            let spaceAfter = position + 1 < words.count
            buffer += InlineText.escaped(String(word), spaceBefore: spaceBefore, spaceAfter: spaceAfter)
        }
    }

    /// Text holding no asterisk, spaces collapsed as the word loop of `appendText` collapses
    /// them, appended a stretch at a time: each run of words apart by single plain spaces
    /// goes into the buffer as it stands, with no string made per word.
    private mutating func appendWords(_ text: String) {
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        while index < scalars.endIndex {
            if TextSpace.isSpace(scalars[index]) {
                pendingSpace = true
                index = scalars.index(after: index)
                continue
            }
            let start = index
            var end = index
            while index < scalars.endIndex {
                let scalar = scalars[index]
                let next = scalars.index(after: index)
                if !TextSpace.isSpace(scalar) {
                    index = next
                    end = next
                } else if scalar == " ", next < scalars.endIndex, !TextSpace.isSpace(scalars[next]) {
                    index = next
                } else {
                    break
                }
            }
            if pendingSpace && buffer.isEmpty { droppedLeadingSpace = true }
            if pendingSpace && !buffer.isEmpty { buffer.append(" ") }
            pendingSpace = false
            buffer += text[start..<end]
        }
    }

    private mutating func flush() {
        let text = buffer
        buffer = ""
        pendingSpace = false
        if !text.isEmpty { emit(EmphasisMarkers.resolved(text)) }
        emitPendingImages()
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
                // Written without links (`allowsLinks`), so its text is already escaped
                // running text, bold and italic kept.
                blocks.append(.quote(text))
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
    /// Headings are plain text; quotes, paragraphs and items keep bold and italic.
    private var allowsEmphasis: Bool {
        for context in contexts.reversed() {
            switch context {
            case .heading: return false
            case .quote, .item, .paragraph: return true
            case .list: continue
            }
        }
        return true
    }

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
