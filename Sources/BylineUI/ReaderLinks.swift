import BylineCore

/// A link the reading pane shows, numbered in reading order.
public struct ReaderLink: Equatable, Sendable {
    public var number: Int
    /// What the link says (a headline, or the linked words of a paragraph).
    public var text: String
    public var target: RelatedLink
    /// The library story the link opens, when known without resolving it ("More on this").
    public var story: StoryID? = nil
}

/// Numbers a story's links the way the reader meets them: links in the text and `READ
/// MORE` lines in body order, then `Related` headers the body did not already name.
public enum ReaderLinks {
    public static func collect(_ story: Story) -> [ReaderLink] {
        var links: [ReaderLink] = []
        var seen = Set<String>()
        func add(_ text: String, _ target: RelatedLink) {
            guard seen.insert(key(target)).inserted else { return }
            links.append(ReaderLink(number: links.count + 1, text: text, target: target))
        }
        for block in story.body {
            switch block {
            case .paragraph(let text), .quote(let text), .listItem(let text, _):
                // The text the page shows, so links are numbered as they appear.
                for case .link(let words, let url) in InlineText.runs(ReaderPage.shown(text)) {
                    add(words, RelatedLink(title: words, url: url))
                }
            case .readMore(let link):
                add(link.title, link)
            case .image(let alt, let url?):
                // Titled as shown, so no story of the same name is taken for the picture.
                add(ReaderLinks.imageLabel(alt), RelatedLink(title: ReaderLinks.imageLabel(alt), url: url))
            case .subheading, .preformatted, .image:
                break
            }
        }
        for link in story.related {
            add(link.title.isEmpty ? (link.url ?? "") : link.title, link)
        }
        return links
    }

    /// How an image shows on the page: `[image: alt]`.
    public static func imageLabel(_ alt: String) -> String {
        alt.isEmpty ? "[image]" : "[image: " + alt + "]"
    }

    /// What makes two links the same link: the page they name, else the title.
    static func key(_ target: RelatedLink) -> String {
        target.url.map { "u:" + RelatedLinkIndex.normalizedURL($0) } ?? "t:" + TitleKey(target.title).value
    }
}
