import BylineCore

/// Paragraphs that only point at another story ("Read more: <link>") become `READ MORE` lines.
enum ReadMoreLine {
    static let labels = ["read more", "related", "see also", "also read", "read also", "more", "related story",
                         "related article", "recommended", "read next", "watch"]

    /// The `READ MORE` block for a paragraph that is a label, a colon and one link.
    static func block(for text: String) -> StoryBlock? {
        // Only the first 21 characters are looked at: scanning whole paragraphs for a colon
        // was a fortieth of a fetch.
        guard let colon = text.prefix(21).firstIndex(of: ":"), text.distance(from: text.startIndex, to: colon) <= 20 else {
            return nil
        }
        let label = text[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
        guard labels.contains(label) else { return nil }
        let rest = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        let runs = InlineText.runs(rest)
        guard runs.count == 1, case .link(let title, let url) = runs[0] else { return nil }
        return .readMore(RelatedLink(title: title, url: url))
    }
}
