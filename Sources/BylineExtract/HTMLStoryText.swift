import BylineCore
import FoundationEssentials

/// Story blocks from an HTML fragment: a feed item's content or an extracted article body.
public enum HTMLStoryText {
    /// Paragraphs, subheadings (h1–h6), quotes (blockquote), list items, preformatted
    /// blocks (pre), images, bold and italic, and inline links (`[text](url)`, resolved
    /// against `baseURL`, http(s) only) of `html`. Scripts, styles,
    /// embedded objects, forms and control characters never reach the result.
    public static func blocks(fromHTML html: String, baseURL: URL?) -> [StoryBlock] {
        let document = HTMLDocument(html: html)
        var builder = StoryBodyBuilder(document: document, baseURL: baseURL)
        builder.add(HTMLDocument.root)
        return builder.blocks
    }

    /// The plain text of blocks: one paragraph each, separated by blank lines, links as
    /// their text, no emphasis marks. Preformatted text is as it is; images are left out,
    /// since their descriptions are not words of the story.
    public static func plainText(_ blocks: [StoryBlock]) -> String {
        blocks.compactMap { block in
            switch block {
            case .paragraph(let text), .subheading(let text), .quote(let text): InlineText.plain(text)
            case .listItem(let text, let ordinal): (ordinal.map { "\($0). " } ?? "• ") + InlineText.plain(text)
            case .readMore(let link): "READ MORE: " + link.title
            case .preformatted(let text): text
            case .image: nil
            }
        }.joined(separator: "\n\n")
    }
}
