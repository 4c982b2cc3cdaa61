import BylineCore
import BylineExtract
import FeedParsing
import Foundation

/// Turns a feed's content or summary into story blocks.
///
/// HTML goes through BylineExtract's converter; plain text becomes one paragraph per
/// blank-line-separated chunk. Injected so tests can pin the conversion.
public struct StoryTextConverter: Sendable {
    public var html: @Sendable (_ html: String, _ baseURL: String?) -> [StoryBlock]

    public init(html: @escaping @Sendable (_ html: String, _ baseURL: String?) -> [StoryBlock]) {
        self.html = html
    }

    public func blocks(_ text: FeedText, baseURL: String?) -> [StoryBlock] {
        let blocks = text.isHTML ? html(text.value, text.base ?? baseURL) : Self.paragraphs(text.value)
        return blocks.compactMap(Self.clean)
    }

    /// Plain text: paragraphs split at blank lines, lines within one joined.
    static func paragraphs(_ text: String) -> [StoryBlock] {
        var blocks: [StoryBlock] = []
        var current: [Substring] = []
        func flush() {
            // Plain text has no markup: its asterisks stay asterisks.
            if let paragraph = SafeText.clean(current.joined(separator: " ")) { blocks.append(.paragraph(InlineText.escaped(paragraph))) }
            current = []
        }
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0.isNewline }) {
            if line.allSatisfy({ $0.isWhitespace }) { flush() } else { current.append(line) }
        }
        flush()
        return blocks
    }

    /// Whatever the converter returns, no control character reaches the file.
    static func clean(_ block: StoryBlock) -> StoryBlock? {
        switch block {
        case .paragraph(let text): SafeText.clean(text).map(StoryBlock.paragraph)
        case .subheading(let text): SafeText.clean(text).map(StoryBlock.subheading)
        case .quote(let text): SafeText.clean(text).map(StoryBlock.quote)
        case .listItem(let text, let ordinal): SafeText.clean(text).map { .listItem($0, ordinal: ordinal) }
        case .readMore(let link):
            SafeText.clean(link.title).map { .readMore(RelatedLink(title: $0, url: SafeText.clean(link.url))) }
        // Its lines and spaces are the point: controls go, line breaks stay.
        case .preformatted(let text): preformatted(StoryText.removingControls(text))
        case .image(let alt, let url): .image(alt: SafeText.clean(alt) ?? "", url: SafeText.clean(url))
        }
    }
}

extension StoryTextConverter {
    private static func preformatted(_ text: String) -> StoryBlock? {
        text.isEmpty ? nil : .preformatted(text)
    }

    /// BylineExtract's HTML converter, the one stories are stored with.
    public static let standard = StoryTextConverter { html, base in
        HTMLStoryText.blocks(fromHTML: html, baseURL: base.flatMap(URL.init(string:)))
    }
}
