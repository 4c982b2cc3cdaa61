import BylineCore

/// Trims the lines that templates put at a story's top and bottom, inside its container:
/// the byline and dateline above, "follow us" and newsletter lines below.
enum StoryEdges {
    static let closingWords = WordList([
        "follow us", "follow him", "follow her", "follow them", "on twitter", "on facebook",
        "sign up", "subscribe", "newsletter", "all rights reserved", "copyright", "©", "have a tip",
        "contact us", "download our app", "our app",
    ])

    /// Invitations to comment: furniture as a heading over the comments, but story text
    /// when the writer says it in a closing paragraph.
    static let commentWords = WordList([
        "what you think", "leave a comment", "leave a reply", "join the conversation", "join the discussion",
    ])

    static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// Judged on the text alone: a lead picture above the byline stays, and pictures
    /// after the first closing line (an author's photo, share icons) go with it.
    static func trimmed(_ blocks: [StoryBlock]) -> [StoryBlock] {
        let text = blocks.indices.filter { !isImage(blocks[$0]) }
        var start = 0
        while start < min(text.count, 3), isByline(blocks[text[start]]) { start += 1 }
        var end = text.count
        while end > start, text.count - end < 3, isClosing(blocks[text[end - 1]]) { end -= 1 }
        let dropped = Set(text[..<start] + text[end...])
        let closingStart = end < text.count ? text[end] : blocks.count
        return blocks.indices.filter { !dropped.contains($0) && $0 < closingStart }.map { blocks[$0] }
    }

    private static func isImage(_ block: StoryBlock) -> Bool {
        if case .image = block { return true }
        return false
    }

    /// The person a leading "By …" line names, if the story starts with one.
    static func bylineAuthor(_ blocks: [StoryBlock]) -> String? {
        // Only among the lines `trimmed` takes off the top: "By morning, …" further down
        // is story text.
        for block in blocks.lazy.filter({ !isImage($0) }).prefix(3) {
            guard isByline(block) else { return nil }
            guard let text = text(of: block), text.lowercased().hasPrefix("by ") else { continue }
            return ArticleMetadata.personName(text)
        }
        return nil
    }

    /// "By Jo Reporter", "Mar. 3, 2021 9:05 AM EST", "Updated: Tue 4:10 PM", "22 Nov".
    static func isByline(_ block: StoryBlock) -> Bool {
        guard let text = text(of: block), text.count < 100 else { return false }
        let lower = text.lowercased()
        let words = lower.split(separator: " ")
        if lower.hasPrefix("by ") && words.count <= 16 { return true }
        for prefix in ["updated", "published", "posted", "last updated"] where lower.hasPrefix(prefix) {
            return true
        }
        let hasTime = lower.contains(where: { $0 == ":" }) && (lower.contains(" am") || lower.contains(" pm")
            || lower.contains("a.m.") || lower.contains("p.m."))
        let hasYear = words.contains { word in
            let digits = word.filter(\.isNumber)
            return digits.count == 4 && (digits.hasPrefix("19") || digits.hasPrefix("20"))
        }
        let hasMonth = words.contains { word in word.count <= 10 && months.contains { word.hasPrefix($0) } }
        // A bare day and month ("22 Nov", "Nov. 22"), as a <time> element shows it.
        let isBareDay = words.count <= 3 && hasMonth && words.contains { word in
            !word.contains(where: \.isLetter) && (1...2).contains(word.filter(\.isNumber).count)
        }
        return words.count <= 10 && (hasTime || hasYear && hasMonth) || isBareDay
    }

    /// "Follow us on Twitter", "Sign up for our newsletter", "© 2024 …".
    static func isClosing(_ block: StoryBlock) -> Bool {
        guard let text = text(of: block), text.count < 300 else { return false }
        let lower = text.lowercased()
        return closingWords.found(in: lower) || text.count < 60 && commentWords.found(in: lower)
    }

    private static func text(of block: StoryBlock) -> String? {
        switch block {
        case .paragraph(let text), .subheading(let text), .quote(let text), .listItem(let text, _):
            InlineText.plain(text)
        case .readMore, .preformatted, .image:
            nil
        }
    }
}
