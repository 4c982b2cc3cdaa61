import BylineCore

/// Lines inside a story's container that advertise other stories rather than tell this
/// one: "READ MORE: …" lines, paragraphs that are nothing but a link to another story, and
/// labels such as "DON'T MISS" that head a list of them.
enum StoryPromotions {
    /// Labels that stand alone above promoted links.
    static let labels: Set<String> = [
        "don't miss", "dont miss", "read more", "see more", "more", "related", "related stories", "related articles",
        "recommended", "trending", "must read", "read next", "watch", "advertisement", "sponsored", "most read",
        "more stories", "also read", "you may also like", "you might also like", "more on this story", "top stories",
        "latest", "popular", "share this article", "share", "comments", "follow us", "learn more",
    ]

    /// The story's own blocks, and the links it promoted (as related links).
    static func separate(_ blocks: [StoryBlock]) -> (story: [StoryBlock], promoted: [RelatedLink]) {
        var story: [StoryBlock] = []
        var promoted: [RelatedLink] = []
        for block in blocks {
            switch block {
            case .readMore(let link):
                promoted.append(link)
            case .paragraph(let text), .subheading(let text):
                if isLabel(text) { continue }
                if let link = wholeLink(text) { promoted.append(link) } else { story.append(block) }
            default:
                story.append(block)
            }
        }
        return (story, promoted)
    }

    static func isLabel(_ text: String) -> Bool {
        guard text.utf8.count <= 90 else { return false }
        let plain = InlineText.plain(text).lowercased()
            .trimmingCharacters(in: .whitespaces.union(.punctuationCharacters).union(.symbols))
            .replacingOccurrences(of: "’", with: "'")
        return plain.count <= 30 && labels.contains(plain)
    }

    /// A paragraph that is one link of a few words, give or take a bracketed tag.
    private static let linkMarkup = WordList(["]("])

    private static func wholeLink(_ text: String) -> RelatedLink? {
        guard text.first == "[" || linkMarkup.found(in: text) else { return nil }
        let runs = InlineText.runs(text)
        var link: RelatedLink?
        var other = 0
        for run in runs {
            switch run {
            case .link(let title, let url):
                if link != nil { return nil }
                link = RelatedLink(title: title, url: url)
            case .text(let s), .emphasis(let s, _):
                other += s.count
            }
        }
        guard let link, link.title.split(separator: " ").count >= 3,
              Double(other) <= Double(link.title.count) * 0.25 else { return nil }
        return link
    }
}
